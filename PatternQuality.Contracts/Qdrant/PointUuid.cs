namespace PatternQuality.Contracts.Qdrant;

/// <summary>A point id given as a UUID, in the spellings Qdrant accepts; the store and the backfill read them alike.</summary>
public static class PointUuid
{
    /// <summary>Hyphenated, simple 32-hex, braced or <c>urn:uuid:</c>, any case.</summary>
    public static bool TryParse(string text, out Guid uuid)
    {
        var candidate = text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? text[9..] : text;
        return Guid.TryParseExact(candidate, "D", out uuid)
            || Guid.TryParseExact(candidate, "N", out uuid)
            || Guid.TryParseExact(candidate, "B", out uuid);
    }
}
