using System.Net;
using System.Text;

namespace PatternQuality.Backfill.Tests;

/// <summary>Writes hand-made points into a store through its REST API.</summary>
public static class QdrantTestData
{
    public static async Task CreateCollectionAsync(HttpClient http, string collection, int vectorSize = 2)
    {
        using var response = await http.PutAsync($"collections/{collection}", Json($$$"""{"vectors":{"size":{{{vectorSize}}},"distance":"Cosine"}}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> UpsertAsync(HttpClient http, string collection, string pointsJson) =>
        await http.PutAsync($"collections/{collection}/points?wait=true", Json($$$"""{"points":{{{pointsJson}}}}"""), TestContext.Current.CancellationToken);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
