using System.Net;
using System.Text.Json;

namespace PatternQuality.LocalQdrant.Tests;

public sealed class PointTests
{
    private const string UuidA = "0a000000-0000-4000-8000-000000000001";
    private const string UuidB = "f0000000-0000-4000-8000-000000000002";

    [Fact]
    public async Task Scroll_orders_integer_ids_before_uuids_and_uuids_by_their_bytes()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", $$$"""
            [{"id": "{{{UuidB.ToUpperInvariant()}}}", "vector": [1, 0], "payload": {"n": 4}},
             {"id": 18446744073709551615, "vector": [1, 0], "payload": {"n": 3}},
             {"id": "{{{UuidA.Replace("-", "")}}}", "vector": [1, 0], "payload": {"n": 5}},
             {"id": 2, "vector": [1, 0], "payload": {"n": 2}},
             {"id": "urn:uuid:{{{UuidA}}}", "vector": [1, 0], "payload": {"n": 6}},
             {"id": 10, "vector": [1, 0], "payload": {"n": 1}}]
            """);

        // NJsonSchema cannot hold an integer above Int64, so this page is checked by hand; the other tests validate the schema.
        var page = (await http.PostJsonAsync("collections/c/points/scroll", """{"limit": 100}""")).OkResult();

        Assert.Equal(
            ["2", "10", "18446744073709551615", UuidA, UuidB],
            page.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").ToString()));
        Assert.Equal(6, page.GetProperty("points")[3].GetProperty("payload").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_page_offset").ValueKind);
    }

    [Fact]
    public async Task Pages_follow_next_page_offset_and_offsets_are_inclusive_even_for_absent_ids()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", "[" + string.Join(',', Enumerable.Range(1, 25).Select(i => $$$"""{"id": {{{i * 2}}}, "vector": [1, 0]}""")) + "]");

        var seen = new List<int>();
        JsonElement? offset = null;
        do
        {
            var page = (await http.PostJsonAsync("collections/c/points/scroll",
                "{\"limit\": 10" + (offset is { } o ? ", \"offset\": " + o.GetRawText() : "") + "}")).ResultOf("ScrollResult");
            seen.AddRange(page.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
            offset = page.GetProperty("next_page_offset") is { ValueKind: not JsonValueKind.Null } next ? next.Clone() : null;
        }
        while (offset is not null);
        var fromAbsent = (await http.PostJsonAsync("collections/c/points/scroll", """{"limit": 2, "offset": 7}""")).ResultOf("ScrollResult");
        var repeated = (await http.PostJsonAsync("collections/c/points/scroll", """{"limit": 1, "offset": 50}""")).ResultOf("ScrollResult");

        Assert.Equal(Enumerable.Range(1, 25).Select(i => i * 2), seen);
        Assert.Equal([8, 10], fromAbsent.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(12, fromAbsent.GetProperty("next_page_offset").GetInt32());
        Assert.Equal(50, repeated.GetProperty("points")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Payload_and_vector_selection_follow_the_request()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", """[{"id": 1, "vector": [0.5, 0.25], "payload": {"a": 1, "b": {"c": 2}, "d": "x"}}, {"id": 2, "vector": [1, 0]}]""");

        async Task<JsonElement> First(string request) =>
            (await http.PostJsonAsync("collections/c/points/scroll", request)).ResultOf("ScrollResult").GetProperty("points")[0];

        var defaults = await First("{}");
        var none = await First("""{"with_payload": false}""");
        var keys = await First("""{"with_payload": ["a", "d"]}""");
        var include = await First("""{"with_payload": {"include": "b"}}""");
        var exclude = await First("""{"with_payload": {"exclude": ["a"]}}""");
        var vector = await First("""{"with_payload": false, "with_vector": true}""");
        var second = (await http.PostJsonAsync("collections/c/points/scroll", """{"offset": 2}""")).ResultOf("ScrollResult").GetProperty("points")[0];

        Assert.Equal("""{"a": 1, "b": {"c": 2}, "d": "x"}""", defaults.GetProperty("payload").GetRawText());
        Assert.False(defaults.TryGetProperty("vector", out _));
        Assert.False(none.TryGetProperty("payload", out _));
        Assert.Equal(["a", "d"], keys.GetProperty("payload").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b"], include.GetProperty("payload").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b", "d"], exclude.GetProperty("payload").EnumerateObject().Select(p => p.Name));
        Assert.Equal([0.5, 0.25], vector.GetProperty("vector").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("{}", second.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task The_batch_form_count_retrieve_and_delete_work_as_in_qdrant()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");

        var batch = (await http.PutJsonAsync("collections/c/points", $$$"""
            {"batch": {"ids": [1, 2, "{{{UuidA}}}"], "vectors": [[1, 0], [0, 1], [1, 1]], "payloads": [{"k": 1}, null, {"k": 3}]}}
            """)).ResultOf("UpdateResult");
        var count = (await http.PostJsonAsync("collections/c/points/count", """{"exact": true}""")).ResultOf("CountResult");
        var retrieved = (await http.PostJsonAsync("collections/c/points", $$$"""{"ids": ["{{{UuidA}}}", 99, 1]}""")).Result;
        var deleted = (await http.PostJsonAsync("collections/c/points/delete?wait=true", """{"points": [1, 99]}""")).ResultOf("UpdateResult");
        var after = (await http.PostJsonAsync("collections/c/points/count", "{}")).ResultOf("CountResult");

        Assert.Equal("acknowledged", batch.GetProperty("status").GetString());
        Assert.Equal(3, count.GetProperty("count").GetInt32());
        Assert.Equal([UuidA, "1"], retrieved.EnumerateArray().Select(r => r.GetProperty("id").ToString()));
        Assert.All(retrieved.EnumerateArray(), record => Assert.Empty(QdrantOpenApi.Validate("Record", record)));
        Assert.Equal("completed", deleted.GetProperty("status").GetString());
        Assert.Equal(2, after.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3.5")]
    [InlineData("18446744073709551616")]
    [InlineData("\"42\"")]
    [InlineData("\"pattern-7\"")]
    [InlineData("null")]
    public async Task Ids_that_are_neither_unsigned_integers_nor_uuids_are_400(string id)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");

        var upsert = await http.PutJsonAsync("collections/c/points", $$$"""{"points": [{"id": {{{id}}}, "vector": [1, 0]}]}""");
        var scroll = await http.PostJsonAsync("collections/c/points/scroll", "{\"offset\": " + (id == "null" ? "{}" : id) + "}");

        Assert.Equal($"Format error in JSON body: value {id} is not a valid point ID, valid values are either an unsigned integer or a UUID", upsert.ErrorWith(HttpStatusCode.BadRequest));
        Assert.Contains("is not a valid point ID", scroll.ErrorWith(HttpStatusCode.BadRequest));
        Assert.Equal(0, (await http.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("""{"limit": 0}""", HttpStatusCode.UnprocessableEntity, "Validation error in JSON body: [limit: value 0 invalid, must be 1 or more]")]
    [InlineData("""{"limit": -5}""", HttpStatusCode.BadRequest, "Format error in JSON body: limit: invalid value: integer `-5`, expected usize")]
    [InlineData("""{"limit": "ten"}""", HttpStatusCode.BadRequest, "Format error in JSON body: limit: invalid type")]
    [InlineData("""{"offset": 1, "order_by": "n"}""", HttpStatusCode.BadRequest, "Bad request: offset cannot be used together with order_by")]
    [InlineData("""{"filter": {"must": []}}""", HttpStatusCode.BadRequest, "filters are not supported by PatternQuality.LocalQdrant")]
    [InlineData("""{"with_payload": 3}""", HttpStatusCode.BadRequest, "Format error in JSON body: with_payload")]
    [InlineData("""[1, 2]""", HttpStatusCode.BadRequest, "Format error in JSON body: invalid type: sequence, expected a map")]
    [InlineData("""{"limit": 1""", HttpStatusCode.BadRequest, "Format error in JSON body:")]
    public async Task Bad_scroll_requests_get_qdrant_status_codes_and_messages(string body, HttpStatusCode status, string message)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");

        var answer = await http.PostJsonAsync("collections/c/points/scroll", body);

        Assert.Contains(message, answer.ErrorWith(status));
    }

    [Theory]
    [InlineData("""[{"id": 1, "vector": [1, 0, 0]}]""", "Wrong input: Vector dimension error: expected dim: 2, got 3")]
    [InlineData("""[{"id": 1}]""", "Format error in JSON body: missing field `vector`")]
    [InlineData("""[{"id": 1, "vector": [1, 0], "payload": [1]}]""", "Format error in JSON body: payload: invalid type: sequence, expected a map")]
    [InlineData("""[{"id": 1, "vector": ["a", 0]}]""", "Format error in JSON body: vector: expected an array of numbers")]
    public async Task Bad_points_are_refused_and_nothing_of_the_request_is_stored(string points, string message)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");

        var answer = await http.PutJsonAsync("collections/c/points", $$$"""{"points": [{"id": 7, "vector": [1, 0]}, {{{points[1..^1]}}}]}""");

        Assert.Equal(message, answer.ErrorWith(HttpStatusCode.BadRequest));
        Assert.Equal(0, (await http.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_body_over_32_mib_is_refused_and_the_store_keeps_serving()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        var big = new string('x', 33 * 1024 * 1024);

        var answer = await http.PutJsonAsync("collections/c/points", $$$"""{"points": [{"id": 1, "vector": [1, 0], "payload": {"blob": "{{{big}}}"}}]}""");

        Assert.StartsWith("Payload error: JSON payload (", answer.ErrorWith(HttpStatusCode.BadRequest));
        await http.UpsertAsync("c", """[{"id": 2, "vector": [1, 0]}]""");
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var first = writer * 1000 + batch * 50;
                await http.UpsertAsync("c", "[" + string.Join(',', Enumerable.Range(first, 50).Select(i => $$$"""{"id": {{{i}}}, "vector": [1, 0]}""")) + "]");
            }
        })));

        Assert.Equal(4000, (await http.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
    }
}
