using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

public static class CollectionEndpoints
{
    public static void MapCollectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/collections", (HttpContext context, CollectionStore store) =>
            QdrantResponse.OkAsync(context, writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("collections");
                foreach (var name in store.Names)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }));

        app.MapGet("/collections/{collection}", (HttpContext context, CollectionStore store, string collection) =>
        {
            var found = store.Get(collection);
            return QdrantResponse.OkAsync(context, writer => CollectionInfoWriter.Write(writer, found));
        });

        app.MapGet("/collections/{collection}/exists", (HttpContext context, CollectionStore store, string collection) =>
            QdrantResponse.OkAsync(context, writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("exists", store.Exists(collection));
                writer.WriteEndObject();
            }));

        app.MapPut("/collections/{collection}", async (HttpContext context, CollectionStore store, string collection) =>
        {
            using var body = await RequestBody.ReadAsync(context);
            RequestFields.EnsureObject(body.RootElement);
            var vectors = RequestFields.Optional(body.RootElement, "vectors");
            store.Create(collection, vectors is { } given ? VectorParams.Parse(given) : VectorParams.None);
            await QdrantResponse.OkAsync(context, writer => writer.WriteBooleanValue(true));
        });

        app.MapDelete("/collections/{collection}", (HttpContext context, CollectionStore store, string collection) =>
        {
            var deleted = store.Delete(collection);
            return QdrantResponse.OkAsync(context, writer => writer.WriteBooleanValue(deleted));
        });
    }
}
