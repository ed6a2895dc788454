using System.Net;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace PatternQuality.LocalQdrant.Tests.Grpc;

/// <summary>Qdrant.Client over gRPC and REST over HTTP/1.1 on one store: what one API writes, the other reads.</summary>
public sealed class GrpcInteropTests
{
    private const string UuidA = "0a000000-0000-4000-8000-000000000001";
    private const string UuidB = "f0000000-0000-4000-8000-000000000002";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Points_written_over_rest_are_scrolled_over_grpc_in_qdrant_order_with_inclusive_offsets()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", $$$"""
            [{"id": "{{{UuidB}}}", "vector": [1, 0], "payload": {"n": 4}},
             {"id": 18446744073709551615, "vector": [1, 0], "payload": {"n": 3}},
             {"id": "{{{UuidA}}}", "vector": [1, 0], "payload": {"n": 5}},
             {"id": 2, "vector": [1, 0], "payload": {"n": 2}},
             {"id": 10, "vector": [1, 0], "payload": {"n": 1.5}}]
            """);
        using var client = store.Qdrant();

        var first = await client.ScrollAsync("c", limit: 2, cancellationToken: Cancel);
        var rest = await client.ScrollAsync("c", limit: 10, offset: first.NextPageOffset, cancellationToken: Cancel);

        Assert.Equal(["2", "10"], first.Result.Select(Text));
        Assert.Equal(18446744073709551615UL, first.NextPageOffset.Num);
        Assert.Equal(["18446744073709551615", UuidA, UuidB], rest.Result.Select(Text));
        Assert.Null(rest.NextPageOffset);
        Assert.Equal(2, first.Result[0].Payload["n"].IntegerValue);
        Assert.Equal(1.5, first.Result[1].Payload["n"].DoubleValue);
        Assert.Null(first.Result[0].Vectors);
        Assert.Equal(5UL, await client.CountAsync("c", cancellationToken: Cancel));
    }

    [Fact]
    public async Task Points_written_over_grpc_read_back_over_rest_with_every_payload_type()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("c", new VectorParams { Size = 3, Distance = Distance.Dot }, cancellationToken: Cancel);
        var point = new PointStruct { Id = Guid.Parse(UuidA), Vectors = new[] { 0.5f, -1f, 2f } };
        point.Payload["text"] = "héllo";
        point.Payload["count"] = 7;
        point.Payload["ratio"] = 0.25;
        point.Payload["flag"] = true;
        point.Payload["nothing"] = new Value { NullValue = NullValue.NullValue };
        point.Payload["nested"] = new Value { StructValue = new Struct { Fields = { ["x"] = 1, ["y"] = "z" } } };
        point.Payload["list"] = new Value { ListValue = new ListValue { Values = { 1, "two" } } };

        var update = await client.UpsertAsync("c", [point], cancellationToken: Cancel);

        Assert.Equal(UpdateStatus.Completed, update.Status);
        using var http = store.CreateClient();
        var records = (await http.PostJsonAsync("collections/c/points", $$"""{"ids": ["{{UuidA}}"], "with_vector": true}""")).OkResult();
        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal(
            """{"text":"héllo","count":7,"ratio":0.25,"flag":true,"nothing":null,"nested":{"x":1,"y":"z"},"list":[1,"two"]}""",
            System.Text.Json.JsonSerializer.Serialize(record.GetProperty("payload"), new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("[0.5,-1,2]", record.GetProperty("vector").GetRawText());
        var info = (await http.GetJsonAsync("collections/c")).OkResult();
        Assert.Equal("""{"size":3,"distance":"Dot"}""", info.GetProperty("config").GetProperty("params").GetProperty("vectors").GetRawText());
    }

    [Fact]
    public async Task Payload_and_vector_selection_follow_qdrant_over_grpc()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.PutJsonAsync("collections/named", """{"vectors": {"text": {"size": 2, "distance": "Cosine"}, "code": {"size": 1, "distance": "Dot"}}}""");
        await http.UpsertAsync("named", """[{"id": 1, "vector": {"text": [1, 0], "code": [3]}, "payload": {"a": 1, "nested": {"x": 1, "y": 2}, "b": 2}}]""");
        using var client = store.Qdrant();

        var included = await client.RetrieveAsync("named", [new PointId { Num = 1 }],
            new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { "nested.x", "b" } } },
            new WithVectorsSelector { Include = new VectorsSelector { Names = { "text" } } }, cancellationToken: Cancel);
        var excluded = await client.ScrollAsync("named",
            payloadSelector: new WithPayloadSelector { Exclude = new PayloadExcludeSelector { Fields = { "nested.y", "a" } } }, cancellationToken: Cancel);

        var point = Assert.Single(included);
        Assert.Equal(["b", "nested"], point.Payload.Keys.Order());
        Assert.Equal(["x"], point.Payload["nested"].StructValue.Fields.Keys);
        Assert.Equal(["text"], point.Vectors.Vectors.Vectors.Keys);
        Assert.Equal([1f, 0f], point.Vectors.Vectors.Vectors["text"].Dense.Data);
        var scrolled = Assert.Single(excluded.Result);
        Assert.Equal(["b", "nested"], scrolled.Payload.Keys.Order());
        Assert.Equal(["x"], scrolled.Payload["nested"].StructValue.Fields.Keys);
    }

    [Fact]
    public async Task Collections_are_listed_described_and_deleted_over_grpc_as_over_rest()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var client = store.Qdrant();
        await client.CreateCollectionAsync("b", new VectorParamsMap { Map = { ["v"] = new VectorParams { Size = 4, Distance = Distance.Euclid } } }, cancellationToken: Cancel);
        await client.CreateCollectionAsync("a", new VectorParams { Size = 2, Distance = Distance.Cosine }, cancellationToken: Cancel);
        await client.UpsertAsync("a", [new PointStruct { Id = 1, Vectors = new[] { 1f, 0f } }], cancellationToken: Cancel);

        Assert.Equal(["a", "b"], await client.ListCollectionsAsync(Cancel));
        Assert.True(await client.CollectionExistsAsync("a", Cancel));
        Assert.False(await client.CollectionExistsAsync("zzz", Cancel));
        var info = await client.GetCollectionInfoAsync("b", Cancel);
        Assert.Equal(CollectionStatus.Green, info.Status);
        Assert.Equal(4UL, info.Config.Params.VectorsConfig.ParamsMap.Map["v"].Size);
        Assert.Equal(Distance.Euclid, info.Config.Params.VectorsConfig.ParamsMap.Map["v"].Distance);
        Assert.Equal(1UL, (await client.GetCollectionInfoAsync("a", Cancel)).PointsCount);
        using var http = store.CreateClient();
        Assert.Equal(["a", "b"], (await http.GetJsonAsync("collections")).OkResult().GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        await client.DeleteCollectionAsync("b", cancellationToken: Cancel);

        Assert.Equal(["a"], await client.ListCollectionsAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetJsonAsync("collections/b")).Status);
    }

    [Fact]
    public async Task Deleted_points_are_gone_for_both_apis()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", """[{"id": 1, "vector": [1, 0]}, {"id": 2, "vector": [1, 0]}, {"id": 3, "vector": [1, 0]}]""");
        using var client = store.Qdrant();

        await client.DeleteAsync("c", [1UL, 3UL], cancellationToken: Cancel);

        Assert.Equal(["2"], (await client.ScrollAsync("c", cancellationToken: Cancel)).Result.Select(Text));
        Assert.Equal(1, (await http.PostJsonAsync("collections/c/points/count", "{}")).OkResult().GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Health_answers_with_qdrant_title_and_version_and_the_standard_health_service_serves()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "secret-key");
        using var client = store.Qdrant(apiKey: "not-the-key");

        var health = await client.HealthAsync(Cancel);
        var standard = await new global::Grpc.Health.V1.Health.HealthClient(QdrantChannel.ForAddress(store.GrpcUrl))
            .CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Cancel);

        Assert.Equal("qdrant - vector search engine", health.Title);
        Assert.Equal("1.19.0", health.Version);
        Assert.Equal("patternquality-localqdrant", health.Commit);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, standard.Status);
    }

    [Fact]
    public async Task Any_json_payload_written_over_rest_reads_back_over_grpc_as_the_same_values()
    {
        var longText = new string('λ', 20_000);
        var payload = $$"""
            {"esc\"aped \u00e9 key": "tab\tnew\nline \ud83d\ude42", "min": -9223372036854775808, "max": 9223372036854775807,
             "negative": -1, "zero": 0, "fraction": -0.125, "big": 1e300, "deep": {"a": [{"b": [[], {}, null, true, false]}]},
             "empty": {}, "none": [], "long": "{{longText}}"}
            """;
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", $$"""[{"id": "{{UuidA}}", "vector": [1, 0], "payload": {{payload}}}]""");
        using var client = store.Qdrant();

        var scrolled = Assert.Single((await client.ScrollAsync("c", cancellationToken: Cancel)).Result);
        var retrieved = Assert.Single(await client.RetrieveAsync("c", [new PointId { Uuid = UuidA }], withPayload: true, withVectors: false, cancellationToken: Cancel));

        var expected = System.Text.Json.Nodes.JsonNode.Parse(payload);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, Json(scrolled.Payload)), Json(scrolled.Payload).ToJsonString());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, Json(retrieved.Payload)));
        Assert.Equal(Value.KindOneofCase.IntegerValue, scrolled.Payload["min"].KindCase);
        Assert.Equal(Value.KindOneofCase.DoubleValue, scrolled.Payload["big"].KindCase);
        Assert.Equal(UuidA, scrolled.Id.Uuid);
    }

    /// <summary>Qdrant.Client's values as JSON, to compare with what was written.</summary>
    private static System.Text.Json.Nodes.JsonObject Json(Google.Protobuf.Collections.MapField<string, Value> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, Json(f.Value))));

    private static System.Text.Json.Nodes.JsonNode? Json(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => value.StringValue,
        Value.KindOneofCase.IntegerValue => value.IntegerValue,
        Value.KindOneofCase.DoubleValue => value.DoubleValue,
        Value.KindOneofCase.BoolValue => value.BoolValue,
        Value.KindOneofCase.StructValue => Json(value.StructValue.Fields),
        Value.KindOneofCase.ListValue => new System.Text.Json.Nodes.JsonArray(value.ListValue.Values.Select(Json).ToArray()),
        _ => null,
    };

    private static string Text(RetrievedPoint point) => point.Id.HasNum ? point.Id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture) : point.Id.Uuid;
}
