using System.Net;

namespace PatternQuality.Api.Tests;

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task With_the_database_down_requests_get_503_and_health_is_unhealthy_and_both_recover_when_it_returns()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using (var admin = Npgsql.NpgsqlDataSource.Create(cluster.ConnectionString.ConnectionString))
        await using (var create = admin.CreateCommand("CREATE DATABASE outage"))
        {
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var database = new TestDatabase(new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString.ConnectionString) { Database = "outage" });
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
        var recovered = await EventuallyAsync(async () => (await api.GetJsonAsync("/quality")).Status == HttpStatusCode.OK);
        using var healthy = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.True(recovered, "the API did not recover within 30 seconds of the database's return");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
