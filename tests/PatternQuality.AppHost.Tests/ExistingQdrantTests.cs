using Microsoft.Extensions.DependencyInjection;

namespace PatternQuality.AppHost.Tests;

/// <summary>An existing Qdrant given as <c>ConnectionStrings:qdrant</c> alone (its gRPC API and key): the AppHost starts and seeds none.</summary>
public sealed class ExistingQdrantTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_backfill_reads_the_given_qdrant_over_grpc_and_nothing_is_started_or_seeded_for_it()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync(apiKey: "existing-key");
        var connection = $"Endpoint={qdrant.GrpcUrl};Key=existing-key";
        await ProcessRunner.RunCheckedAsync("dotnet",
            [ProjectPrograms.PathOf("PatternQuality.Backfill"), "seed-demo", "--patterns", "120", "--with-lineage", "0", "--qdrant-url", connection],
            TimeSpan.FromMinutes(2));

        var app = await TestAppHost.StartAsync([$"--ConnectionStrings:omninode-bridge={database.ConnectionString}", $"--ConnectionStrings:qdrant={connection}"]);
        await using (app)
        {
            Assert.Equal(0, (await app.WaitForTerminalAsync("backfill")).Snapshot.ExitCode);
            var resources = app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources;
            Assert.DoesNotContain(resources, r => r.Name == "seed-demo");
            Assert.IsType<PatternQuality.AppHost.Qdrant.ExistingQdrantResource>(resources.Single(r => r.Name == "qdrant"));
            Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "qdrant")), "no store of its own");

            var backfill = await app.EnvironmentGivenToAsync("backfill");
            Assert.Equal(connection, backfill["ConnectionStrings__qdrant"]);
            Assert.DoesNotContain("ConnectionStrings__qdrant_http", backfill.Keys); // the user named the gRPC API only
            Assert.Equal(120L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task An_unreachable_existing_qdrant_says_why_on_the_resource_and_the_backfill_waits()
    {
        var database = await server.CreateDatabaseAsync();
        var app = await TestAppHost.StartAsync(
            [$"--ConnectionStrings:omninode-bridge={database.ConnectionString}", $"--ConnectionStrings:qdrant=Endpoint=http://127.0.0.1:{LoopbackPort.Free()};Key=k"],
            awaitEveryStart: false);
        await using (app)
        {
            var unhealthy = await app.WaitForAsync("qdrant", e =>
                e.Snapshot.HealthReports.Any(report => report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
            Assert.Contains("is unreachable: Unavailable", unhealthy.Snapshot.HealthReports.Single().Description);

            await app.WaitForAsync("backfill", e => e.Snapshot.State?.Text == KnownResourceStates.Waiting);
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            Assert.True(app.App.ResourceNotifications.TryGetCurrentState("backfill", out var backfill));
            Assert.Equal(KnownResourceStates.Waiting, backfill.Snapshot.State?.Text);
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
    }
}
