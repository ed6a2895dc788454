using System.Text.Json;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Backfill.Scoring;

/// <summary>Pattern ids of Qdrant point ids given as JSON (SCORING.md, "Mapping a Qdrant point"; <see cref="PointPatternId"/>).</summary>
public static class PatternIds
{
    /// <summary>
    /// The pattern id of a point id as Qdrant accepts it: a UUID in any of its spellings, or an
    /// unsigned 64-bit integer mapped to a UUIDv5. False for anything Qdrant would refuse.
    /// </summary>
    public static bool TryGetPatternId(JsonElement pointId, out Guid patternId)
    {
        patternId = default;
        switch (pointId.ValueKind)
        {
            case JsonValueKind.Number when pointId.TryGetUInt64(out var number):
                patternId = PointPatternId.FromInteger(number);
                return true;
            case JsonValueKind.String:
                return PointUuid.TryParse(pointId.GetString()!, out patternId);
            default:
                return false;
        }
    }
}
