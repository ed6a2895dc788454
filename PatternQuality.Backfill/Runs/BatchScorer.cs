using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Runs;

/// <summary>Maps and scores one scroll page into the rows of a batch.</summary>
public static class BatchScorer
{
    public static ScoredBatch Score(
        string collection, int segment, int sequenceNumber, ScrollPage page, double? minConfidence, Activity? activity)
    {
        var rows = new List<ScoredPattern>(page.Points.Count);
        var rejections = new Dictionary<string, long>();
        var totals = new ScoreTotals();
        var seen = new HashSet<Guid>(page.Points.Count);
        var buffer = new ArrayBufferWriter<byte>(512);
        using var writer = new Utf8JsonWriter(buffer);

        foreach (var point in page.Points)
        {
            var mapped = point.PatternId is { } patternId
                ? PatternMapper.FromPayload(patternId, point.Payload)
                : MappingResult.Rejected(RejectionReasons.InvalidId);
            var reason = mapped.RejectionReason
                ?? (mapped.Pattern!.Confidence < minConfidence ? RejectionReasons.BelowMinConfidence : null)
                ?? (!seen.Add(mapped.Pattern.PatternId) ? "duplicate_pattern_id" : null);
            if (reason is not null)
            {
                rejections[reason] = rejections.GetValueOrDefault(reason) + 1;
                continue;
            }

            var pattern = mapped.Pattern!;
            var score = PatternScorer.Score(pattern);
            totals.Add(score);
            rows.Add(new ScoredPattern(pattern.PatternId, score.Stored, pattern.Confidence,
                MetadataJson(writer, buffer, score, collection, point.IdJson, mapped.DefaultedFields)));
        }

        return new ScoredBatch(collection, segment, sequenceNumber, page.NextOffsetJson, page.Points.Count, rows, rejections, totals, activity);
    }

    /// <summary>The row's metadata: the five dimension scores (SCORING.md) and where the pattern came from.</summary>
    /// <remarks>One writer and buffer serve the whole batch, reset for each row.</remarks>
    private static string MetadataJson(
        Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, QualityScore score, string collection, string pointIdJson, IReadOnlyList<string> defaulted)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteNumber("completeness_score", score.Completeness);
        writer.WriteNumber("documentation_score", score.Documentation);
        writer.WriteNumber("onex_compliance_score", score.OnexCompliance);
        writer.WriteNumber("metadata_richness_score", score.MetadataRichness);
        writer.WriteNumber("complexity_score", score.Complexity);
        writer.WriteString("collection", collection);
        writer.WritePropertyName("point_id");
        writer.WriteRawValue(pointIdJson);
        if (defaulted.Count > 0)
        {
            writer.WriteStartArray("defaulted_fields");
            foreach (var field in defaulted)
            {
                writer.WriteStringValue(field);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
