using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PatternQuality.AppHost.Tests;

/// <summary>The container form when its PostgreSQL goes wrong: killed mid-backfill, or a kept volume given another password.</summary>
public sealed class ContainerFaultTests
{
    [Fact]
    public async Task The_postgres_container_killed_mid_backfill_the_api_answers_503_and_once_restarted_both_recover()
    {
        await using var containers = OurContainers.New();
        // Small, slowed batches keep the backfill running long enough to be caught half-way.
        await using var app = await TestAppHost.StartAsync(await containers.AppHostArgumentsAsync(),
            arrange: builder => builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "backfill"))
                .WithArgs("--batch-size", "25", "--delay", "0.25"));
        await app.WaitForHealthyAsync("api");
        var database = new TestDatabase(new NpgsqlConnectionStringBuilder(
            await app.App.GetConnectionStringAsync("omninode-bridge", TestContext.Current.CancellationToken)));
        await Eventually.AssertAsync(async () => await RowsOrZeroAsync(database) > 0, "the backfill storing its first batches", TimeSpan.FromMinutes(2));

        var postgres = (await containers.ListAsync()).Single(c => c.Contains("patternquality-postgres", StringComparison.Ordinal)).Split(' ')[0];
        Assert.Equal(0, (await LocalImages.DockerAsync("kill", postgres)).ExitCode);

        using var client = app.App.CreateHttpClient("api");
        await Eventually.AssertAsync(async () => (await client.GetAsync("/quality/distribution")).StatusCode == HttpStatusCode.ServiceUnavailable,
            "the api answering 503 while the database is away");

        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        await app.WaitForTerminalAsync("postgres");
        Assert.True((await commands.ExecuteCommandAsync("postgres", KnownResourceCommands.StartCommand, TestContext.Current.CancellationToken)).Success);

        var backfill = (await app.WaitForTerminalAsync("backfill")).Snapshot;
        var console = await app.ConsoleAsync("backfill");
        Assert.True(backfill.ExitCode == 0, string.Join('\n', console));
        Assert.Contains(console, line => line.Contains("Database unavailable", StringComparison.Ordinal)); // caught half-way, and rode it out
        Assert.Equal(1085, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1085, await app.DistributionTotalAsync());
        Assert.Equal(0, (await app.BackfillSummaryAsync()).Rejected);
    }

    [Fact]
    public async Task A_kept_volume_opened_with_another_password_is_refused_in_one_line_and_nothing_that_needs_it_starts()
    {
        await using var containers = OurContainers.New();
        var args = await containers.AppHostArgumentsAsync();
        await using (var created = await TestAppHost.StartAsync([.. args, "--Parameters:postgres-password=First-Password-5c1e"], awaitEveryStart: false))
        {
            await created.WaitForHealthyAsync("omninode-bridge");
        }

        await using var app = await TestAppHost.StartAsync([.. args, "--Parameters:postgres-password=Second-Password-8a3f"], awaitEveryStart: false);
        var postgres = (await app.WaitForTerminalAsync("postgres")).Snapshot;

        Assert.Equal(1, postgres.ExitCode);
        var refusal = Assert.Single(await app.ConsoleAsync("postgres"), line => line.Contains("created with another password", StringComparison.Ordinal));
        Assert.Contains("give that one, or a new volume", refusal);
        Assert.DoesNotContain("Password-", refusal);
        foreach (var resource in new[] { "migrator", "backfill", "api" })
        {
            Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resource, out var state));
            Assert.Null(state.Snapshot.StartTimeStamp);
        }
    }

    /// <summary>The stored rows, or 0 while the database is away.</summary>
    private static async Task<long> RowsOrZeroAsync(TestDatabase database)
    {
        try
        {
            return await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }
}
