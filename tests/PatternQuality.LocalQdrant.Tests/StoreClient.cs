using System.Net;
using System.Text;
using System.Text.Json;

namespace PatternQuality.LocalQdrant.Tests;

/// <summary>An answer of the store: status, raw body, and the parsed envelope when it is JSON.</summary>
public sealed record StoreAnswer(HttpStatusCode Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement Result => Json.GetProperty("result");

    public string Error => Json.GetProperty("status").GetProperty("error").GetString()!;

    /// <summary>Checks Qdrant's success envelope.</summary>
    public JsonElement OkResult()
    {
        Assert.True(Status == HttpStatusCode.OK, $"{(int)Status}: {Body}");
        Assert.Equal("ok", Json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, Json.GetProperty("time").ValueKind);
        return Result;
    }

    /// <summary>Checks Qdrant's success envelope and validates the result against a component schema.</summary>
    public JsonElement ResultOf(string schema)
    {
        OkResult();
        var errors = QdrantOpenApi.Validate(schema, Result);
        Assert.True(errors.Count == 0, $"result does not match {schema}: {string.Join("; ", errors)}\n{Body}");
        return Result;
    }

    /// <summary>Checks Qdrant's error envelope: a status object with the message, a time, and no result.</summary>
    public string ErrorWith(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        Assert.False(Json.TryGetProperty("result", out _));
        Assert.Equal(JsonValueKind.Number, Json.GetProperty("time").ValueKind);
        return Error;
    }
}

public static class StoreClient
{
    public static async Task<StoreAnswer> SendAsync(this HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return new StoreAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<StoreAnswer> PutJsonAsync(this HttpClient http, string path, string json) => http.SendAsync(HttpMethod.Put, path, json);

    public static Task<StoreAnswer> PostJsonAsync(this HttpClient http, string path, string json) => http.SendAsync(HttpMethod.Post, path, json);

    public static Task<StoreAnswer> GetJsonAsync(this HttpClient http, string path) => http.SendAsync(HttpMethod.Get, path);

    public static async Task CreateAsync(this HttpClient http, string collection, int size = 2) =>
        Assert.True((await http.PutJsonAsync($"collections/{collection}", $$$"""{"vectors": {"size": {{{size}}}, "distance": "Cosine"}}""")).Result.GetBoolean());

    public static async Task UpsertAsync(this HttpClient http, string collection, string points) =>
        (await http.PutJsonAsync($"collections/{collection}/points?wait=true", "{\"points\": " + points + "}")).ResultOf("UpdateResult");
}
