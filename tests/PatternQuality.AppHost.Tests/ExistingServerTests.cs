using System.Net.Http.Json;
using System.Text.Json;

namespace PatternQuality.AppHost.Tests;

/// <summary>An existing PostgreSQL given as <c>ConnectionStrings:omninode-bridge</c>: the AppHost starts none of its own.</summary>
public sealed class ExistingServerTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_system_runs_on_the_given_database_and_no_local_PostgreSQL_starts()
    {
        var database = await server.CreateDatabaseAsync();
        await using var app = await RunningAppHost.StartAsync([$"--ConnectionStrings:omninode-bridge={database.ConnectionString}"]);

        Assert.Equal(0, (await app.WaitForTerminalAsync("backfill")).ExitCode);
        await app.WaitForAsync("api", s => s.IsReady);
        var postgres = app.App.ResourceNotifications.TryGet("postgres")!;
        Assert.Equal(KnownResourceStates.NotStarted, postgres.State);
        Assert.Contains("not needed", postgres.Message);
        Assert.DoesNotContain(app.ProcessesSeen.Values, name => name == "postgres");

        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        using var client = app.App.CreateHttpClient("api");
        var distribution = await client.GetFromJsonAsync<JsonElement>("/quality/distribution", TestContext.Current.CancellationToken);
        Assert.Equal(1085, distribution.GetProperty("total").GetInt64());
        Assert.Equal(database.ConnectionString.ConnectionString, app.App.GetEnvironment("migrator")["ConnectionStrings__omninode-bridge"]);
    }
}
