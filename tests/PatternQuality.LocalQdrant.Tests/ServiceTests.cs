using System.Net;
using System.Net.Http.Headers;

namespace PatternQuality.LocalQdrant.Tests;

public sealed class ServiceTests
{
    [Fact]
    public async Task Root_and_health_endpoints_answer_without_envelope_or_key()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "s3cret");
        using var http = new HttpClient { BaseAddress = store.Url };

        var root = await http.GetJsonAsync("/");
        var healthz = await http.GetStringAsync("healthz", TestContext.Current.CancellationToken);
        var livez = await http.GetStringAsync("livez", TestContext.Current.CancellationToken);
        var readyz = await http.GetStringAsync("readyz", TestContext.Current.CancellationToken);

        Assert.Empty(QdrantOpenApi.Validate("VersionInfo", root.Json));
        Assert.Equal("qdrant - vector search engine", root.Json.GetProperty("title").GetString());
        Assert.Equal("patternquality-localqdrant", root.Json.GetProperty("commit").GetString());
        Assert.Equal("healthz check passed", healthz);
        Assert.Equal("healthz check passed", livez);
        Assert.Equal("all shards are ready", readyz);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_start_warns_of_nothing_and_listens_where_urls_or_ASPNETCORE_URLS_says(bool urlsFromEnvironment)
    {
        await using var store = await LocalQdrantProcess.StartAsync(urlsFromEnvironment: urlsFromEnvironment);
        using var http = new HttpClient { BaseAddress = store.Url };

        Assert.Equal("all shards are ready", await http.GetStringAsync("readyz", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(store.StartupLog, line => line.StartsWith("warn:", StringComparison.Ordinal));
        Assert.NotEqual(6333, store.Url.Port);
    }

    [Fact]
    public async Task The_api_key_is_required_by_header_or_bearer_token_and_refusals_are_plain_text()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "s3cret");
        using var anonymous = new HttpClient { BaseAddress = store.Url };
        using var wrong = new HttpClient { BaseAddress = store.Url };
        wrong.DefaultRequestHeaders.Add("api-key", "guess");
        using var bearer = new HttpClient { BaseAddress = store.Url };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using var keyed = store.CreateClient();

        var missing = await anonymous.GetJsonAsync("collections");
        var invalid = await wrong.GetJsonAsync("collections");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("Must provide an API key or an Authorization bearer token", missing.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.Status);
        Assert.Equal("Invalid API key or JWT", invalid.Body);
        (await bearer.GetJsonAsync("collections")).ResultOf("CollectionsResponse");
        (await keyed.GetJsonAsync("collections")).ResultOf("CollectionsResponse");
    }

    [Fact]
    public async Task A_read_only_key_reads_but_may_not_write()
    {
        await using var store = await LocalQdrantProcess.StartAsync(apiKey: "admin-key", readOnlyApiKey: "reader-key");
        using var admin = store.CreateClient();
        await admin.CreateAsync("c");
        using var reader = new HttpClient { BaseAddress = store.Url };
        reader.DefaultRequestHeaders.Add("api-key", "reader-key");

        var scroll = await reader.PostJsonAsync("collections/c/points/scroll", "{}");
        var write = await reader.PutJsonAsync("collections/c/points", """{"points": [{"id": 1, "vector": [1, 0]}]}""");
        var drop = await reader.SendAsync(HttpMethod.Delete, "collections/c");

        scroll.ResultOf("ScrollResult");
        Assert.Equal("Forbidden: Global manage access is required", write.ErrorWith(HttpStatusCode.Forbidden));
        Assert.Equal("Forbidden: Global manage access is required", drop.ErrorWith(HttpStatusCode.Forbidden));
    }
}
