using System.Globalization;
using System.Text.Json;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Api.Lookup;

/// <summary>A point as a consumer of Qdrant names it: its collection and its id (an unsigned integer or a UUID).</summary>
public sealed record PointRef(string Collection, JsonElement PointId);

/// <summary>
/// The patterns a batch lookup asks for: <c>pattern_ids</c> (the table's keys) and <c>points</c> (mapped as the backfill maps
/// them, <see cref="PointPatternId"/>), together at most <see cref="MaxItems"/>.
/// </summary>
public sealed record LookupRequest(IReadOnlyList<Guid> PatternIds, IReadOnlyList<(PointRef Point, Guid PatternId)> Points)
{
    public const int MaxItems = 1_000;

    /// <returns>The request, or the errors by field (<c>pattern_ids[3]</c>, <c>points[0].point_id</c>).</returns>
    public static (LookupRequest? Request, Dictionary<string, string[]> Errors) Parse(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["the body must be a JSON object with pattern_ids and/or points"];
            return (null, errors);
        }

        var patternIds = new List<Guid>();
        var points = new List<(PointRef, Guid)>();
        if (Array(body, "pattern_ids", errors) is { } ids)
        {
            var i = 0;
            foreach (var id in ids)
            {
                if (id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var patternId))
                {
                    patternIds.Add(patternId);
                }
                else
                {
                    errors[$"pattern_ids[{i}]"] = ["must be a UUID"];
                }

                i++;
            }
        }

        if (Array(body, "points", errors) is { } refs)
        {
            var i = 0;
            foreach (var point in refs)
            {
                if (Point(point, $"points[{i}]", errors) is { } parsed)
                {
                    points.Add(parsed);
                }

                i++;
            }
        }

        if (errors.Count == 0 && patternIds.Count + points.Count == 0)
        {
            errors[""] = ["give pattern_ids, points or both, at least one item"];
        }

        if (patternIds.Count + points.Count > MaxItems)
        {
            errors[""] = [$"at most {MaxItems} pattern_ids and points together; this asked for {patternIds.Count + points.Count}"];
        }

        return errors.Count == 0 ? (new LookupRequest(patternIds, points), errors) : (null, errors);
    }

    private static JsonElement.ArrayEnumerator? Array(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors[name] = ["must be an array"];
            return null;
        }

        return value.EnumerateArray();
    }

    private static (PointRef, Guid)? Point(JsonElement point, string field, Dictionary<string, string[]> errors)
    {
        if (point.ValueKind != JsonValueKind.Object)
        {
            errors[field] = ["must be an object with collection and point_id"];
            return null;
        }

        if (!point.TryGetProperty("collection", out var collection) || collection.ValueKind != JsonValueKind.String || collection.GetString()!.Length == 0)
        {
            errors[$"{field}.collection"] = ["must be a collection's name"];
        }

        Guid? patternId = null;
        if (!point.TryGetProperty("point_id", out var id))
        {
            errors[$"{field}.point_id"] = ["is missing"];
        }
        else if (id.ValueKind == JsonValueKind.Number && id.TryGetUInt64(out var number))
        {
            patternId = PointPatternId.FromInteger(number);
        }
        else if (id.ValueKind == JsonValueKind.String && PointUuid.TryParse(id.GetString()!, out var uuid))
        {
            patternId = uuid;
        }
        else
        {
            errors[$"{field}.point_id"] = ["must be an unsigned 64-bit integer or a UUID, as Qdrant's point ids are"];
        }

        return patternId is { } found && !errors.ContainsKey($"{field}.collection")
            ? (new PointRef(collection.GetString()!, id.Clone()), found)
            : null;
    }
}
