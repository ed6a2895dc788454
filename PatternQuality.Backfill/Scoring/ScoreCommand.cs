using System.Text.Json;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Backfill.Scoring;

/// <summary>
/// <c>score [--input FILE|-]</c>: scores one pattern or an array of them, given as mapped
/// patterns (SCORING.md "Input") or as Qdrant records <c>{"id", "payload"}</c>, and prints
/// a JSON array of results in input order.
/// </summary>
public static class ScoreCommand
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <returns>The number of patterns that could not be scored.</returns>
    public static int Run(string input, TextWriter output)
    {
        using var document = Parse(input);
        var items = document.RootElement.ValueKind switch
        {
            JsonValueKind.Object => [document.RootElement],
            JsonValueKind.Array => document.RootElement.EnumerateArray().ToList(),
            _ => throw new InvalidSettingException("input must be a pattern object or an array of them"),
        };

        var rejected = 0;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            writer.WriteStartArray();
            for (var index = 0; index < items.Count; index++)
            {
                var result = IsQdrantRecord(items[index])
                    ? PatternMapper.FromQdrantPoint(items[index].GetProperty("id"), Payload(items[index]))
                    : PatternMapper.FromMappedPattern(items[index]);
                rejected += result.Pattern is null ? 1 : 0;
                WriteResult(writer, index, result);
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        return rejected;
    }

    private static JsonDocument Parse(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new InvalidSettingException("no input: give a pattern object or an array of patterns");
        }

        try
        {
            return JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new InvalidSettingException($"input is not valid JSON: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static bool IsQdrantRecord(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out _) && !item.TryGetProperty("pattern_id", out _);

    private static JsonElement Payload(JsonElement record) => record.TryGetProperty("payload", out var payload) ? payload : default;

    private static void WriteResult(Utf8JsonWriter writer, int index, MappingResult result)
    {
        writer.WriteStartObject();
        if (result.Pattern is not { } pattern)
        {
            writer.WriteNumber("input_index", index);
            writer.WriteString("rejected", result.RejectionReason);
        }
        else
        {
            var score = PatternScorer.Score(pattern);
            writer.WriteString("pattern_id", pattern.PatternId.ToString("D"));
            writer.WriteNumber("quality_score", score.Composite);
            writer.WriteNumber("completeness_score", score.Completeness);
            writer.WriteNumber("documentation_score", score.Documentation);
            writer.WriteNumber("onex_compliance_score", score.OnexCompliance);
            writer.WriteNumber("metadata_richness_score", score.MetadataRichness);
            writer.WriteNumber("complexity_score", score.Complexity);
            writer.WriteNumber("confidence", pattern.Confidence);
            writer.WriteString("band", score.Band.ToString().ToLowerInvariant());
        }

        if (result.DefaultedFields.Count > 0)
        {
            writer.WriteStartArray("defaulted_fields");
            foreach (var field in result.DefaultedFields)
            {
                writer.WriteStringValue(field);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
