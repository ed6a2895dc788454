using PatternQuality.Backfill.Tests.Faults;

namespace PatternQuality.Backfill.Tests.Runs;

public sealed class FaultToleranceTests(PostgresServer server)
{
    [Fact]
    public async Task Transient_qdrant_faults_are_retried_and_the_run_completes()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "400", "--with-lineage", "0")).ExitCode);
        await using var proxy = await FaultProxy.StartAsync(qdrant.GrpcUrl);
        // Every fourth call, and never more than three in a row (calls 4-6, 12-13), since a call is tried four times;
        // one segment, so that a call's attempts are consecutive calls.
        proxy.Plan = (number, path) => path == "/qdrant.Points/Scroll" ? (number % 4) switch
        {
            0 => new Fault.Status(503),
            1 when number == 5 => new Fault.Drop(),
            2 when number == 6 => new Fault.Grpc(Grpc.Core.StatusCode.Unavailable),
            1 when number == 13 => new Fault.Status(500),
            _ => null,
        } : null;

        var run = await BackfillHarness.BackfillAsync(
            ["--batch-size", "50", "--parallel", "1", "--database-url", database.Url, "--qdrant-url", proxy.Url.ToString()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(proxy.FaultsInjected >= 3, $"only {proxy.FaultsInjected} faults were injected");
        Assert.Equal(400, BackfillHarness.SummaryFigure(run, "processed"));
        Assert.Equal(400L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_scroll_that_hangs_past_the_attempt_timeout_is_abandoned_and_retried()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "200", "--with-lineage", "0")).ExitCode);
        await using var proxy = await FaultProxy.StartAsync(qdrant.GrpcUrl);
        var scrolls = 0;
        proxy.Plan = (_, path) => path == "/qdrant.Points/Scroll" && Interlocked.Increment(ref scrolls) == 2
            ? new Fault.Delay(TimeSpan.FromSeconds(12))
            : null;

        var run = await BackfillHarness.BackfillAsync(
            ["--collection", "code_patterns", "--batch-size", "50", "--database-url", database.Url, "--qdrant-url", proxy.Url.ToString()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, proxy.FaultsInjected);
        var codePatterns = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");
        Assert.Equal(codePatterns, BackfillHarness.SummaryFigure(run, "processed"));
        Assert.True(codePatterns > 150);
    }

    [Fact]
    public async Task A_persistent_qdrant_fault_ends_the_run_non_zero_with_its_checkpoint_kept_and_the_next_run_resumes()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "300", "--with-lineage", "0")).ExitCode);
        await using var proxy = await FaultProxy.StartAsync(qdrant.GrpcUrl);
        var scrolls = 0;
        proxy.Plan = (_, path) => path == "/qdrant.Points/Scroll" && Interlocked.Increment(ref scrolls) > 3
            ? new Fault.Grpc(Grpc.Core.StatusCode.Unavailable)
            : null;
        string[] args = ["--collection", "code_patterns", "--batch-size", "50", "--parallel", "1", "--database-url", database.Url, "--qdrant-url", proxy.Url.ToString()];

        var failed = await BackfillHarness.BackfillAsync(args);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("run again to resume", Assert.Single(BackfillHarness.Lines(failed.Error)));
        Assert.Equal("failed", await database.ScalarAsync<string>("SELECT status FROM backfill_runs"));
        var committed = await database.ScalarAsync<int>("SELECT batches FROM backfill_run_collections WHERE collection = 'code_patterns'");
        Assert.Equal(3, committed);
        Assert.NotNull(await database.ScalarAsync<string>("SELECT checkpoint::text FROM backfill_run_collections WHERE collection = 'code_patterns'"));

        proxy.Plan = (_, _) => null;
        var resumed = await BackfillHarness.BackfillAsync(args);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming backfill run", resumed.Output);
        Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM backfill_runs"));
        var codePatterns = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics WHERE metadata->>'collection' = 'code_patterns'");
        Assert.Equal(codePatterns, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
        Assert.Equal(codePatterns, await database.ScalarAsync<long>("SELECT stored FROM backfill_runs"));
    }

    [Fact]
    public async Task A_backfill_killed_mid_run_resumes_after_its_last_committed_batch_without_duplicates()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant)).ExitCode);

        using (var doomed = new BackfillProcess(
            "run", "--batch-size", "25", "--delay", "0.1", "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString()))
        {
            await WaitForAsync(database, "SELECT coalesce(sum(batches), 0)::bigint FROM backfill_run_collections", atLeast: 5);
            await doomed.KillAsync();
        }

        var storedBeforeResume = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");
        Assert.InRange(storedBeforeResume, 125, 1084);
        Assert.Equal("running", await database.ScalarAsync<string>("SELECT status FROM backfill_runs"));

        var resumed = await BackfillHarness.BackfillAsync(database, qdrant, "--batch-size", "25");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming backfill run", resumed.Output);
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(DISTINCT pattern_id) FROM pattern_quality_metrics"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT stored FROM backfill_runs"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_runs"));
    }

    [Fact]
    public async Task A_backfill_stopped_by_sigterm_records_the_interruption_exits_non_zero_and_resumes()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant)).ExitCode);

        using (var stopped = new BackfillProcess(
            "run", "--batch-size", "25", "--delay", "0.1", "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString()))
        {
            await WaitForAsync(database, "SELECT coalesce(sum(batches), 0)::bigint FROM backfill_run_collections", atLeast: 4);
            stopped.Signal("TERM");
            var interrupted = await stopped.ExitAsync();
            Assert.True(interrupted.ExitCode == 1, interrupted.ToString());
        }

        Assert.Equal("failed|interrupted", await database.ScalarAsync<string>("SELECT status || '|' || error FROM backfill_runs"));
        var resumed = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming backfill run", resumed.Output);
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_postgresql_restart_mid_run_is_ridden_out()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var (database, qdrant) = await BackfillHarness.SeededAsync(await cluster.CreateDatabaseAsync("restart_test"), 600);
        await using var _ = qdrant;

        var run = BackfillHarness.BackfillAsync(database, qdrant, "--batch-size", "20", "--delay", "0.05");
        await WaitForAsync(database, "SELECT coalesce(sum(batches), 0)::bigint FROM backfill_run_collections", atLeast: 3);
        await cluster.RestartAsync(downFor: TimeSpan.FromSeconds(2));
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(600L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(600L, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
        Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM backfill_runs"));
    }

    private static Task WaitForAsync(TestDatabase database, string sql, long atLeast) =>
        Eventually.AssertAsync(
            async () => await database.ScalarAsync<bool>("SELECT to_regclass('backfill_run_collections') IS NOT NULL")
                && await database.ScalarAsync<long>(sql) >= atLeast,
            $"'{sql}' reaching {atLeast}");
}
