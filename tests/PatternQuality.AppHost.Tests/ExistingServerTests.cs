using Microsoft.Extensions.DependencyInjection;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Tests;

/// <summary>An existing PostgreSQL given as <c>ConnectionStrings:omninode-bridge</c>: the AppHost starts none of its own.</summary>
public sealed class ExistingServerTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_system_runs_on_the_given_database_and_no_PostgreSQL_of_its_own_starts()
    {
        var database = await server.CreateDatabaseAsync();
        var app = await TestAppHost.StartAsync([$"--ConnectionStrings:omninode-bridge={database.ConnectionString}"]);
        await using (app)
        {
            Assert.Equal(0, (await app.WaitForTerminalAsync("backfill")).Snapshot.ExitCode);
            await app.WaitForHealthyAsync("api");
            Assert.DoesNotContain(app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources, r => r.Name == "postgres");
            Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "postgres")), "no cluster of its own");

            Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
            Assert.Equal(1085, await app.DistributionTotalAsync());
            Assert.Equal(database.ConnectionString.ConnectionString, (await app.EnvironmentGivenToAsync("migrator"))["ConnectionStrings__omninode-bridge"]);

            // The operator's commands reach the given database as the resources do.
            var verified = await Commands(app).ExecuteCommandAsync("migrator", "verify-013", TestContext.Current.CancellationToken);
            Assert.True(verified.Success, verified.Message);
            Assert.Equal(1085, TestAppHost.AnswerOf<VerifyAnswer>(verified).Rows);
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task An_unreachable_existing_server_says_why_on_the_resource_and_nothing_that_needs_it_starts()
    {
        var closedPort = LoopbackPort.Free();
        var app = await TestAppHost.StartAsync([$"--ConnectionStrings:omninode-bridge=Host=127.0.0.1;Port={closedPort};Username=postgres;Password=x;Database=omninode_bridge"], awaitEveryStart: false);
        await using (app)
        {
            var unhealthy = await app.WaitForAsync("omninode-bridge", e =>
                e.Snapshot.HealthReports.Any(report => report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
            var report = unhealthy.Snapshot.HealthReports.Single();
            Assert.Contains("refused", (report.Description ?? "") + report.ExceptionText, StringComparison.OrdinalIgnoreCase);

            // Each dependent is Waiting once DCP has its resource (under load that takes a moment), and still is 5 s on.
            foreach (var dependent in new[] { "migrator", "backfill", "api" })
            {
                await app.WaitForAsync(dependent, e => e.Snapshot.State?.Text == KnownResourceStates.Waiting);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            foreach (var dependent in new[] { "migrator", "backfill", "api" })
            {
                Assert.True(app.App.ResourceNotifications.TryGetCurrentState(dependent, out var state));
                Assert.Equal(KnownResourceStates.Waiting, state.Snapshot.State?.Text);
            }

            // A command on a resource whose own run has not happened yet is refused with the reason.
            var verify = await Commands(app).ExecuteCommandAsync("migrator", "verify-013", TestContext.Current.CancellationToken);
            Assert.False(verify.Success);
            Assert.Equal("migrator is waiting: 'Verify 013' runs once its own run has ended", verify.Message);
            var runAgain = await Commands(app).ExecuteCommandAsync("backfill", "backfill-run-again", TestContext.Current.CancellationToken);
            Assert.Equal("backfill is waiting: 'Run again' runs once its own run has ended", runAgain.Message);
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
    }

    private static ResourceCommandService Commands(TestAppHost app) => app.App.Services.GetRequiredService<ResourceCommandService>();
}
