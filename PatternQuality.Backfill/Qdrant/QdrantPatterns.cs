using Google.Protobuf;
using Grpc.Core;
using Polly;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// The Qdrant calls of the backfill and the demo seeding, over Qdrant.Client, each through <see cref="QdrantRetry"/>;
/// the backfill's scroll over the same channel, its answer read by <see cref="ScrollResponseWire"/>.
/// </summary>
public sealed class QdrantPatterns(CallInvoker invoker, ResiliencePipeline retry)
{
    private static readonly WithPayloadSelector AllPayload = new() { Enable = true };
    private static readonly WithPayloadSelector NoPayload = new() { Enable = false };
    private static readonly WithVectorsSelector NoVectors = new() { Enable = false };

    private static readonly Method<ScrollPoints, ScrollPage> ScrollPages = new(
        MethodType.Unary,
        Points.Descriptor.FullName,
        "Scroll",
        Marshallers.Create((ScrollPoints request) => request.ToByteArray(), ScrollPoints.Parser.ParseFrom),
        ScrollResponseWire.Marshaller);

    private readonly QdrantClient client = new(new QdrantGrpcClient(invoker), grpcTimeout: default);

    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.ListCollectionsAsync(ct), cancellationToken);

    public async Task<long> CountAsync(string collection, CancellationToken cancellationToken) =>
        (long)await retry.ExecuteAsync(async ct => await client.CountAsync(collection, exact: true, cancellationToken: ct), cancellationToken);

    /// <summary>A page of points with payloads only, starting at <paramref name="offsetJson"/> (inclusive) or at the first point.</summary>
    public async Task<ScrollPage> ScrollAsync(string collection, string? offsetJson, int limit, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct =>
        {
            using var call = invoker.AsyncUnaryCall(ScrollPages, host: null, new CallOptions(cancellationToken: ct), Request(collection, offsetJson, limit));
            return await call.ResponseAsync;
        }, cancellationToken);

    /// <summary>A page of whole records with the given payload selection, for the callers that read payloads themselves.</summary>
    public async Task<ScrollResponse> ScrollRecordsAsync(string collection, string? offsetJson, int limit, WithPayloadSelector payload, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.ScrollAsync(
            collection, limit: (uint)limit, offset: offsetJson is null ? null : PointIdJson.ToPointId(offsetJson),
            payloadSelector: payload, vectorsSelector: NoVectors, cancellationToken: ct), cancellationToken);

    /// <summary>A page of point ids alone (no payload, no vectors), starting at <paramref name="offset"/> (inclusive) or at the first point.</summary>
    public async Task<(IReadOnlyList<PointId> Ids, PointId? Next)> ScrollIdsAsync(string collection, PointId? offset, int limit, CancellationToken cancellationToken)
    {
        var page = await retry.ExecuteAsync(async ct => await client.ScrollAsync(
            collection, limit: (uint)limit, offset: offset, payloadSelector: NoPayload, vectorsSelector: NoVectors, cancellationToken: ct), cancellationToken);
        return (page.Result.Select(point => point.Id).ToList(), page.NextPageOffset);
    }

    private static ScrollPoints Request(string collection, string? offsetJson, int limit) => new()
    {
        CollectionName = collection,
        Limit = (uint)limit,
        Offset = offsetJson is null ? null : PointIdJson.ToPointId(offsetJson),
        WithPayload = AllPayload,
        WithVectors = NoVectors,
    };

    public async Task CreateCollectionAsync(string collection, int vectorSize, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.CreateCollectionAsync(
            collection, new VectorParams { Size = (ulong)vectorSize, Distance = Distance.Cosine }, cancellationToken: ct), cancellationToken);

    /// <summary>Upserts points, waiting until they are stored; an upsert repeated by a retry writes the same points again.</summary>
    public async Task UpsertAsync(string collection, IReadOnlyList<PointStruct> points, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct => await client.UpsertAsync(collection, points, wait: true, cancellationToken: ct), cancellationToken);
}
