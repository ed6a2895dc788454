using System.Net;

namespace PatternQuality.LocalQdrant.Tests;

public sealed class CollectionTests
{
    [Fact]
    public async Task A_collection_is_created_listed_described_and_deleted_in_qdrant_shapes()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        await http.CreateAsync("code_patterns", size: 4);
        var duplicate = await http.PutJsonAsync("collections/code_patterns", """{"vectors": {"size": 4, "distance": "Cosine"}}""");
        var list = (await http.GetJsonAsync("collections")).ResultOf("CollectionsResponse");
        var info = (await http.GetJsonAsync("collections/code_patterns")).ResultOf("CollectionInfo");
        var exists = (await http.GetJsonAsync("collections/code_patterns/exists")).ResultOf("CollectionExistence");
        var deleted = await http.SendAsync(HttpMethod.Delete, "collections/code_patterns");
        var deletedAgain = await http.SendAsync(HttpMethod.Delete, "collections/code_patterns");
        var gone = (await http.GetJsonAsync("collections/code_patterns/exists")).ResultOf("CollectionExistence");

        Assert.Equal("Wrong input: Collection `code_patterns` already exists!", duplicate.ErrorWith(HttpStatusCode.Conflict));
        Assert.Equal("code_patterns", Assert.Single(list.GetProperty("collections").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(0, info.GetProperty("points_count").GetInt32());
        Assert.Equal(4, info.GetProperty("config").GetProperty("params").GetProperty("vectors").GetProperty("size").GetInt32());
        Assert.True(exists.GetProperty("exists").GetBoolean());
        Assert.True(deleted.Result.GetBoolean());
        Assert.False(deletedAgain.Result.GetBoolean());
        Assert.False(gone.GetProperty("exists").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "collections/nope")]
    [InlineData("POST", "collections/nope/points/scroll")]
    [InlineData("POST", "collections/nope/points/count")]
    [InlineData("PUT", "collections/nope/points")]
    public async Task A_missing_collection_is_404_with_qdrant_message(string method, string path)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        var answer = await http.SendAsync(new HttpMethod(method), path, method == "GET" ? null : "{}");

        Assert.Equal("Not found: Collection `nope` doesn't exist!", answer.ErrorWith(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("""{"vectors": {"size": 0, "distance": "Cosine"}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"vectors": {"size": 4, "distance": "Sideways"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"vectors": {"distance": "Cosine"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"vectors": 7}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"vectors": """, HttpStatusCode.BadRequest)]
    public async Task Bad_collection_parameters_are_refused(string body, HttpStatusCode status)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        var answer = await http.PutJsonAsync("collections/bad", body);

        Assert.NotEmpty(answer.ErrorWith(status));
        Assert.False((await http.GetJsonAsync("collections/bad/exists")).Result.GetProperty("exists").GetBoolean());
    }

    [Theory]
    [InlineData("a%3Ab")]
    [InlineData("a%5Cb")]
    [InlineData("a%2Ab")]
    [InlineData("a%01b")]
    public async Task Collection_names_qdrant_forbids_are_refused(string name)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        var answer = await http.PutJsonAsync($"collections/{name}", """{"vectors": {"size": 2, "distance": "Cosine"}}""");

        Assert.StartsWith("Validation error in JSON body: [collection_name:", answer.ErrorWith(HttpStatusCode.UnprocessableEntity));
        Assert.Empty(Directory.GetDirectories(Path.Combine(store.DataDirectory, "collections")));
    }

    [Fact]
    public async Task A_name_with_an_encoded_slash_stays_inside_the_data_folder()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();

        var answer = await http.PutJsonAsync("collections/..%2F..%2Fescape", """{"vectors": {"size": 2, "distance": "Cosine"}}""");

        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, answer.Body);
        Assert.False(Directory.Exists(Path.Combine(store.DataDirectory, "..", "escape")));
        Assert.All(Directory.GetDirectories(Path.Combine(store.DataDirectory, "collections")),
            directory => Assert.DoesNotContain("/", Path.GetFileName(directory)));
    }
}
