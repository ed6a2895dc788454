using Polly;
using PatternQuality.Backfill.Scoring;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>The Qdrant calls of the backfill and the demo seeding, over Qdrant.Client, each through <see cref="QdrantRetry"/>.</summary>
public sealed class QdrantPatterns(QdrantClient client, ResiliencePipeline retry)
{
    private static readonly WithPayloadSelector AllPayload = new() { Enable = true };
    private static readonly WithVectorsSelector NoVectors = new() { Enable = false };

    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.ListCollectionsAsync(ct), cancellationToken);

    public async Task<long> CountAsync(string collection, CancellationToken cancellationToken) =>
        (long)await retry.ExecuteAsync(async ct => await client.CountAsync(collection, exact: true, cancellationToken: ct), cancellationToken);

    /// <summary>A page of points with payloads only, starting at <paramref name="offsetJson"/> (inclusive) or at the first point.</summary>
    public async Task<ScrollPage> ScrollAsync(string collection, string? offsetJson, int limit, CancellationToken cancellationToken)
    {
        var response = await ScrollRecordsAsync(collection, offsetJson, limit, AllPayload, cancellationToken);
        var points = new List<ScrolledPoint>(response.Result.Count);
        foreach (var point in response.Result)
        {
            points.Add(new ScrolledPoint(PointIdJson.From(point.Id), PatternIdOf(point.Id), ProtoPayloadFields.From(point.Payload)));
        }

        return new ScrollPage(points, response.NextPageOffset is { } next ? PointIdJson.From(next) : null);
    }

    /// <summary>A page of whole records with the given payload selection, for the callers that read payloads themselves.</summary>
    public async Task<ScrollResponse> ScrollRecordsAsync(string collection, string? offsetJson, int limit, WithPayloadSelector payload, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.ScrollAsync(
            collection, limit: (uint)limit, offset: offsetJson is null ? null : PointIdJson.ToPointId(offsetJson),
            payloadSelector: payload, vectorsSelector: NoVectors, cancellationToken: ct), cancellationToken);

    public async Task CreateCollectionAsync(string collection, int vectorSize, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.CreateCollectionAsync(
            collection, new VectorParams { Size = (ulong)vectorSize, Distance = Distance.Cosine }, cancellationToken: ct), cancellationToken);

    /// <summary>Upserts points, waiting until they are stored; an upsert repeated by a retry writes the same points again.</summary>
    public async Task UpsertAsync(string collection, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.UpsertAsync(collection, points, wait: true, cancellationToken: ct), cancellationToken);

    /// <summary>The pattern a point maps to; null when its id is no id Qdrant would accept.</summary>
    private static Guid? PatternIdOf(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => PatternIds.FromInteger(id.Num),
        PointId.PointIdOptionsOneofCase.Uuid when PatternIds.TryParseUuid(id.Uuid, out var uuid) => uuid,
        _ => null,
    };
}
