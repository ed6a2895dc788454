using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PatternQuality.LocalQdrant.Tests;

/// <summary>Four answers found to differ from Qdrant's documented behaviour when tried with an official client.</summary>
public sealed class QdrantFidelityTests
{
    [Fact]
    public async Task With_vector_naming_one_vector_returns_only_that_vector()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        (await http.PutJsonAsync("collections/named", """
            {"vectors": {"text": {"size": 2, "distance": "Cosine"}, "image": {"size": 3, "distance": "Dot"}}}
            """)).OkResult();
        await http.UpsertAsync("named", """[{"id": 1, "vector": {"text": [1, 0], "image": [0, 1, 0]}, "payload": {"n": 1}}]""");

        var one = (await http.PostJsonAsync("collections/named/points/scroll", """{"with_vector": ["text"]}""")).ResultOf("ScrollResult");
        var all = (await http.PostJsonAsync("collections/named/points/scroll", """{"with_vector": true}""")).ResultOf("ScrollResult");

        Assert.Equal(["text"], one.GetProperty("points")[0].GetProperty("vector").EnumerateObject().Select(v => v.Name));
        Assert.Equal(["image", "text"], all.GetProperty("points")[0].GetProperty("vector").EnumerateObject().Select(v => v.Name).Order());
    }

    [Fact]
    public async Task Payload_keys_reach_into_nested_objects_for_include_and_exclude()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await http.CreateAsync("c");
        await http.UpsertAsync("c", """[{"id": 1, "vector": [1, 0], "payload": {"top": 1, "nested": {"x": 2, "y": 3, "deep": {"z": 4, "w": 5}}}}]""");

        JsonElement PayloadOf(StoreAnswer answer) => answer.ResultOf("ScrollResult").GetProperty("points")[0].GetProperty("payload");
        var keys = PayloadOf(await http.PostJsonAsync("collections/c/points/scroll", """{"with_payload": ["nested.x", "nested.deep.z"]}"""));
        var include = PayloadOf(await http.PostJsonAsync("collections/c/points/scroll", """{"with_payload": {"include": "nested.x"}}"""));
        var exclude = PayloadOf(await http.PostJsonAsync("collections/c/points/scroll", """{"with_payload": {"exclude": ["nested.y", "nested.deep.w"]}}"""));

        Assert.Equal("""{"nested":{"x":2,"deep":{"z":4}}}""", keys.GetRawText());
        Assert.Equal("""{"nested":{"x":2}}""", include.GetRawText());
        Assert.Equal("""{"top":1,"nested":{"x":2,"deep":{"z":4}}}""", exclude.GetRawText());
    }

    [Fact]
    public async Task A_collection_name_with_an_encoded_slash_is_refused_not_created()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        var answer = await http.PutJsonAsync("collections/a%2Fb", """{"vectors": {"size": 2, "distance": "Cosine"}}""");
        var listed = (await http.GetJsonAsync("collections")).OkResult();

        Assert.StartsWith("Validation error in JSON body: [collection_name:", answer.ErrorWith(HttpStatusCode.UnprocessableEntity));
        Assert.Empty(listed.GetProperty("collections").EnumerateArray());
        Assert.Empty(Directory.GetDirectories(Path.Combine(store.DataDirectory, "collections")));
    }

    [Fact]
    public async Task Only_the_Bearer_scheme_as_written_carries_a_key()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "s3cret");
        using var lower = new HttpClient { BaseAddress = store.Url };
        lower.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer s3cret");
        using var proper = new HttpClient { BaseAddress = store.Url };
        proper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");

        var refused = await lower.GetJsonAsync("collections");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("Must provide an API key or an Authorization bearer token", refused.Body);
        (await proper.GetJsonAsync("collections")).ResultOf("CollectionsResponse");
    }
}
