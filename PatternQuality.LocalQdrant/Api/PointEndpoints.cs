using System.Text.Json;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

public static class PointEndpoints
{

    public static void MapPointEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/collections/{collection}/points", UpsertAsync);
        app.MapPost("/collections/{collection}/points/scroll", ScrollAsync);
        app.MapPost("/collections/{collection}/points/count", CountAsync);
        app.MapPost("/collections/{collection}/points", RetrieveAsync);
        app.MapPost("/collections/{collection}/points/delete", DeleteAsync);
    }

    private static async Task UpsertAsync(HttpContext context, CollectionStore store, string collection)
    {
        var target = store.Get(collection);
        using var body = await RequestBody.ReadAsync(context);
        var points = UpsertRequest.Parse(body.RootElement, target.Vectors);
        var wait = IsWait(context);
        var operation = target.Upsert(points, durable: wait);
        await QdrantResponse.OkAsync(context, writer => QdrantResponse.WriteUpdateResult(writer, operation, wait));
    }

    private static async Task ScrollAsync(HttpContext context, CollectionStore store, string collection)
    {
        var source = store.Get(collection);
        using var body = await RequestBody.ReadAsync(context);
        var request = body.RootElement;
        RequestFields.EnsureObject(request);
        RequestFields.RefuseFilter(request);

        var offset = RequestFields.Optional(request, "offset") is { } given ? RequestFields.Id(given) : (PointId?)null;
        var scroll = ScrollRequest.Of(offset, orderBy: RequestFields.Optional(request, "order_by") is not null, Limit(request));
        var selection = PointSelection.Parse(request);
        var (page, next) = source.Scroll(scroll.Offset, scroll.Limit);
        await QdrantResponse.OkAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("points");
            foreach (var point in page)
            {
                selection.WriteRecord(writer, point);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("next_page_offset");
            if (next is { } nextId)
            {
                nextId.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        });
    }

    private static async Task CountAsync(HttpContext context, CollectionStore store, string collection)
    {
        var source = store.Get(collection);
        using var body = await RequestBody.ReadAsync(context);
        RequestFields.EnsureObject(body.RootElement);
        RequestFields.RefuseFilter(body.RootElement);
        var count = source.Count;
        await QdrantResponse.OkAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        });
    }

    private static async Task RetrieveAsync(HttpContext context, CollectionStore store, string collection)
    {
        var source = store.Get(collection);
        using var body = await RequestBody.ReadAsync(context);
        var request = body.RootElement;
        RequestFields.EnsureObject(request);
        var ids = RequestFields.Optional(request, "ids") is { } given
            ? RequestFields.Ids(given, "ids").Distinct().ToList()
            : throw QdrantError.Format("missing field `ids`");
        var selection = PointSelection.Parse(request);
        var found = source.Get(ids);
        await QdrantResponse.OkAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var point in found)
            {
                selection.WriteRecord(writer, point);
            }

            writer.WriteEndArray();
        });
    }

    private static async Task DeleteAsync(HttpContext context, CollectionStore store, string collection)
    {
        var target = store.Get(collection);
        using var body = await RequestBody.ReadAsync(context);
        var request = body.RootElement;
        RequestFields.EnsureObject(request);
        RequestFields.RefuseFilter(request);
        var ids = RequestFields.Optional(request, "points") is { } given
            ? RequestFields.Ids(given, "points")
            : throw QdrantError.Format("expected `points` (a list of ids)");
        var wait = IsWait(context);
        var operation = target.Delete(ids, durable: wait);
        await QdrantResponse.OkAsync(context, writer => QdrantResponse.WriteUpdateResult(writer, operation, wait));
    }

    /// <summary>The limit as given (REST's own type checks), or null for the default.</summary>
    private static long? Limit(JsonElement request)
    {
        if (RequestFields.Optional(request, "limit") is not { } limit)
        {
            return null;
        }

        if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetInt64(out var value))
        {
            throw QdrantError.Format($"limit: invalid type: {RequestFields.Describe(limit)}, expected usize");
        }

        if (value < 0)
        {
            throw QdrantError.Format($"limit: invalid value: integer `{value}`, expected usize");
        }

        return value;
    }

    private static bool IsWait(HttpContext context) =>
        string.Equals(context.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase);
}
