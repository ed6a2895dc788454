using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace PatternQuality.Api.Quality;

/// <summary>The raw query string of <c>GET /quality</c>: strings, so that every bad value gets a message naming its field.</summary>
public sealed record QualityQueryParameters(
    [property: FromQuery(Name = "band")] string? Band,
    [property: FromQuery(Name = "min_score")] string? MinScore,
    [property: FromQuery(Name = "max_score")] string? MaxScore,
    [property: FromQuery(Name = "collection")] string? Collection,
    [property: FromQuery(Name = "version")] string? Version,
    [property: FromQuery(Name = "limit")] string? Limit,
    [property: FromQuery(Name = "cursor")] string? Cursor);

/// <summary>A validated <c>GET /quality</c> request.</summary>
public sealed partial record QualityQuery(QualityBand? Band, double? MinScore, double? MaxScore, string? Collection, string? Version, int Limit, PagePosition? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Identifies the filters, so a cursor only continues the listing it came from.</summary>
    public string Fingerprint => string.Join('|', Band?.Name, MinScore?.ToString("R", CultureInfo.InvariantCulture),
        MaxScore?.ToString("R", CultureInfo.InvariantCulture), Collection, Version);

    public static (QualityQuery? Query, Dictionary<string, string[]> Errors) Parse(QualityQueryParameters raw, PageCursor cursors)
    {
        var errors = new Dictionary<string, string[]>();
        QualityBand? band = null;
        if (raw.Band is { } bandName && (band = QualityBand.Find(bandName.ToLowerInvariant())) is null)
        {
            errors["band"] = ["must be one of excellent, good, fair, poor"];
        }

        var min = Score(raw.MinScore, "min_score", errors);
        var max = Score(raw.MaxScore, "max_score", errors);
        if (min > max)
        {
            errors["min_score"] = ["must not exceed max_score"];
        }

        if (raw.Collection is { } collection && !IsCollectionName(collection))
        {
            errors["collection"] = [CollectionNameRule];
        }

        if (raw.Version is { } version && !VersionText().IsMatch(version))
        {
            errors["version"] = ["must be a scorer version such as 1.0.0"];
        }

        var limit = DefaultLimit;
        if (raw.Limit is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"must be a whole number from 1 to {MaxLimit}"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var query = new QualityQuery(band, min, max, raw.Collection, raw.Version, limit, null);
        if (raw.Cursor is { } cursor)
        {
            if (!cursors.TryDecode(cursor, query.Fingerprint, out var position))
            {
                errors["cursor"] = ["is not a cursor this API issued for these filters"];
                return (null, errors);
            }

            query = query with { After = position };
        }

        return (query, errors);
    }

    public const string CollectionNameRule = "must be a collection name: 1 to 255 letters, digits, '_', '-' or '.'";

    public static bool IsCollectionName(string name) => CollectionName().IsMatch(name);

    private static double? Score(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0.0 and <= 1.0)
        {
            return value;
        }

        errors[field] = ["must be a number from 0 to 1"];
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,255}$")]
    private static partial Regex CollectionName();

    [GeneratedRegex(@"^[0-9A-Za-z.+\-]{1,20}$")]
    private static partial Regex VersionText();
}
