using System.Text.Json;
using Npgsql;

namespace PatternQuality.Api.Quality;

public sealed record Dimensions(double? Completeness, double? Documentation, double? OnexCompliance, double? MetadataRichness, double? Complexity);

public sealed record Provenance(string? Collection, JsonElement? PointId);

/// <summary>The latest score of one pattern as the API serves it.</summary>
public sealed record PatternQualityView(
    Guid PatternId, double QualityScore, string Band, double Confidence, string Version, DateTimeOffset MeasuredAt,
    Dimensions Dimensions, Provenance Provenance)
{
    // PostgreSQL reads the dimensions out of the jsonb; a non-numeric value reads as null rather than failing the query.
    public const string Columns = """
        pattern_id, quality_score, confidence, version, measurement_timestamp,
        CASE WHEN jsonb_typeof(metadata -> 'completeness_score') = 'number' THEN (metadata ->> 'completeness_score')::float8 END,
        CASE WHEN jsonb_typeof(metadata -> 'documentation_score') = 'number' THEN (metadata ->> 'documentation_score')::float8 END,
        CASE WHEN jsonb_typeof(metadata -> 'onex_compliance_score') = 'number' THEN (metadata ->> 'onex_compliance_score')::float8 END,
        CASE WHEN jsonb_typeof(metadata -> 'metadata_richness_score') = 'number' THEN (metadata ->> 'metadata_richness_score')::float8 END,
        CASE WHEN jsonb_typeof(metadata -> 'complexity_score') = 'number' THEN (metadata ->> 'complexity_score')::float8 END,
        metadata ->> 'collection', (metadata -> 'point_id')::text
        """;

    public static PatternQualityView Read(NpgsqlDataReader reader)
    {
        double? Number(int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);
        var score = reader.GetDouble(1);
        return new PatternQualityView(
            reader.GetGuid(0), score, QualityBand.Of(score), reader.GetDouble(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
            new Dimensions(Number(5), Number(6), Number(7), Number(8), Number(9)),
            new Provenance(
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : JsonDocument.Parse(reader.GetString(11)).RootElement.Clone()));
    }
}
