using Google.Protobuf;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace PatternQuality.LocalQdrant.Tests.Grpc;

/// <summary>What gRPC refuses, with the status codes Qdrant answers with, and nothing stored by a refused call.</summary>
public sealed class GrpcRefusalTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_are_checked_from_api_key_and_bearer_metadata_and_the_read_only_key_cannot_write()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "full-key", readOnlyApiKey: "read-key");
        using var full = store.Qdrant();
        await full.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);
        var raw = store.Raw();

        var missing = await Assert.ThrowsAsync<RpcException>(() => raw.Collections.ListAsync(new ListCollectionsRequest(), cancellationToken: Cancel).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => store.Qdrant(apiKey: "nope").ListCollectionsAsync(Cancel));
        var lowerCaseBearer = await Assert.ThrowsAsync<RpcException>(() =>
            raw.Collections.ListAsync(new ListCollectionsRequest(), new Metadata { { "authorization", "bearer full-key" } }, cancellationToken: Cancel).ResponseAsync);
        var bearer = await raw.Collections.ListAsync(new ListCollectionsRequest(), new Metadata { { "authorization", "Bearer full-key" } }, cancellationToken: Cancel);
        using var readOnly = store.Qdrant(apiKey: "read-key");
        var read = await readOnly.ScrollAsync("c", cancellationToken: Cancel);
        var write = await Assert.ThrowsAsync<RpcException>(() => readOnly.UpsertAsync("c", [new PointStruct { Id = 1, Vectors = new[] { 1f, 0f } }], cancellationToken: Cancel));
        var dropCollection = await Assert.ThrowsAsync<RpcException>(() => readOnly.DeleteCollectionAsync("c", cancellationToken: Cancel));

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal("Must provide an API key or an Authorization bearer token", missing.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal("Invalid API key or JWT", wrong.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, lowerCaseBearer.StatusCode);
        Assert.Equal(["c"], bearer.Collections.Select(c => c.Name));
        Assert.Empty(read.Result);
        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, dropCollection.StatusCode);
        Assert.Equal(0UL, await full.CountAsync("c", cancellationToken: Cancel));
    }

    [Fact]
    public async Task Unknown_collections_bad_ids_and_wrong_vectors_are_refused_with_qdrant_codes_and_store_nothing()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);
        var raw = store.Raw();

        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.ScrollAsync("nope", cancellationToken: Cancel));
        var unknownInfo = await Assert.ThrowsAsync<RpcException>(() => client.GetCollectionInfoAsync("nope", Cancel));
        var badUuid = await Assert.ThrowsAsync<RpcException>(() => raw.Points.GetAsync(
            new GetPoints { CollectionName = "c", Ids = { new PointId { Uuid = "not-a-uuid" } } }, cancellationToken: Cancel).ResponseAsync);
        var emptyId = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync("c",
            [new PointStruct { Id = 1, Vectors = new[] { 1f, 0f } }, new PointStruct { Id = new PointId(), Vectors = new[] { 1f, 0f } }], cancellationToken: Cancel));
        var wrongDimension = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync("c",
            [new PointStruct { Id = 2, Vectors = new[] { 1f, 0f } }, new PointStruct { Id = 3, Vectors = new[] { 1f, 0f, 0f } }], cancellationToken: Cancel));
        var missingVector = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync("c", [new PointStruct { Id = 4 }], cancellationToken: Cancel));
        var filtered = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync("c", filter: new Filter { Must = { new Condition() } }, cancellationToken: Cancel));
        var zeroLimit = await Assert.ThrowsAsync<RpcException>(() => raw.Points.ScrollAsync(new ScrollPoints { CollectionName = "c", Limit = 0 }, cancellationToken: Cancel).ResponseAsync);
        var twice = await Assert.ThrowsAsync<RpcException>(() => client.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel));
        var noDistance = await Assert.ThrowsAsync<RpcException>(() => client.CreateCollectionAsync("d", new VectorParams { Size = 2 }, cancellationToken: Cancel));
        var slash = await Assert.ThrowsAsync<RpcException>(() => client.CreateCollectionAsync("a/b", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Not found: Collection `nope` doesn't exist!", unknown.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknownInfo.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badUuid.StatusCode);
        Assert.Contains("not-a-uuid", badUuid.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, emptyId.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, wrongDimension.StatusCode);
        Assert.Contains("expected dim: 2, got 3", wrongDimension.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, missingVector.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, filtered.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, zeroLimit.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noDistance.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, slash.StatusCode);
        Assert.Equal(0UL, await client.CountAsync("c", cancellationToken: Cancel));
        Assert.Equal(["c"], await client.ListCollectionsAsync(Cancel));
    }

    [Fact]
    public async Task A_malformed_message_is_refused_and_the_store_serves_the_next_call()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);

        // A gRPC frame (uncompressed, 5 bytes long) whose body is not a valid protobuf message: a field with wire type 7.
        Assert.NotEqual("0", await RawCallStatusAsync(store, "/qdrant.Points/Scroll", [0x0f, 0xff, 0xff, 0xff, 0xff]));
        Assert.Equal(0UL, await client.CountAsync("c", cancellationToken: Cancel));
    }

    [Fact]
    public async Task An_upsert_whose_point_is_cut_short_is_invalid_and_stores_nothing()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);
        var whole = new UpsertPoints { CollectionName = "c", Points = { new PointStruct { Id = 1, Vectors = new[] { 1f, 0f } } } }.ToByteArray();
        var point = new PointStruct { Id = 2, Vectors = new[] { 1f, 0f } }.ToByteArray();
        // The same request with a second point whose declared length runs past the end of the message.
        byte[] cut = [.. whole, 0x1a, (byte)point.Length, .. point[..^2]];

        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await RawCallStatusAsync(store, "/qdrant.Points/Upsert", cut));
        Assert.Equal(0UL, await client.CountAsync("c", cancellationToken: Cancel));
        await client.UpsertAsync("c", [new PointStruct { Id = 3, Vectors = new[] { 1f, 0f } }], cancellationToken: Cancel);
        Assert.Equal(1UL, await client.CountAsync("c", cancellationToken: Cancel));
    }

    [Fact]
    public async Task A_message_above_qdrant_limit_is_refused_as_resource_exhausted_and_stores_nothing()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("c", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);
        var huge = new PointStruct { Id = 1, Vectors = new[] { 1f, 0f } };
        huge.Payload["blob"] = new string('x', 33 * 1024 * 1024);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync("c", [huge], cancellationToken: Cancel));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(0UL, await client.CountAsync("c", cancellationToken: Cancel));
    }

    /// <summary>One gRPC frame of <paramref name="message"/> sent as is, and the call's grpc-status.</summary>
    private static async Task<string> RawCallStatusAsync(LocalQdrantProcess store, string path, byte[] message)
    {
        using var http = new HttpClient { BaseAddress = store.GrpcUrl };
        var length = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(message.Length);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, .. BitConverter.GetBytes(length), .. message]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await http.SendAsync(request, Cancel);
        await response.Content.ReadAsByteArrayAsync(Cancel);

        // A call that fails before its first message has its status in the headers ("trailers-only").
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values : response.Headers.GetValues("grpc-status");
        return Assert.Single(status);
    }

    [Fact]
    public async Task Qdrant_client_against_the_rest_port_fails_as_against_qdrant_rest_port()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = new Qdrant.Client.QdrantClient(store.Url);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ListCollectionsAsync(Cancel));

        Assert.Contains("HTTP_1_1_REQUIRED", refused.Status.DebugException?.ToString() + refused.Status.Detail);
    }
}
