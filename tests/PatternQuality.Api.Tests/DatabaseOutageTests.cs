using System.Net;

namespace PatternQuality.Api.Tests;

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task With_the_database_down_requests_get_503_and_health_is_unhealthy_and_both_recover_when_it_returns()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("outage");
        await using var api = await ApiHost.StartAsync(database);
        await Scores.SeedAsync(database, 50);
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetJsonAsync("/quality")).Status);

        await cluster.StopServerAsync();
        var down = await api.GetJsonAsync("/quality");
        using var unhealthy = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal(503, down.Body.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        await cluster.StartServerAsync();
        var recovered = await Eventually.HoldsAsync(async () => (await api.GetJsonAsync("/quality")).Status == HttpStatusCode.OK, every: TimeSpan.FromMilliseconds(500));
        using var healthy = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.True(recovered, "the API did not recover within 30 seconds of the database's return");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }
}
