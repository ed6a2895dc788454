using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Requests;

/// <summary>A scroll's rules, whichever transport asked: the default page, no ordering, a limit of at least 1.</summary>
public sealed record ScrollRequest(PointId? Offset, int Limit)
{
    public const int DefaultLimit = 10;

    /// <param name="limit">the limit asked for, or null for <see cref="DefaultLimit"/></param>
    public static ScrollRequest Of(PointId? offset, bool orderBy, long? limit)
    {
        if (orderBy)
        {
            throw offset is null
                ? QdrantError.Format("order_by: ordering by payload is not supported by PatternQuality.LocalQdrant")
                : QdrantError.BadRequest("offset cannot be used together with order_by");
        }

        return (limit ?? DefaultLimit) switch
        {
            0 => throw QdrantError.Validation("limit: value 0 invalid, must be 1 or more"),
            var given => new ScrollRequest(offset, (int)Math.Min(given, int.MaxValue)),
        };
    }
}
