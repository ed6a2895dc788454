using System.Globalization;
using PatternQuality.Backfill.Tests.Faults;

namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>Workers sharing one run by its name: every pattern scored exactly once across them, whatever happens to them.</summary>
public sealed class WorkerTests(PostgresServer server)
{
    [Fact]
    public async Task Four_workers_share_a_run_and_store_every_pattern_exactly_once()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 40_000);
        await using var _ = qdrant;

        var workers = Enumerable.Range(0, 4).Select(i => Worker(database, qdrant.GrpcUrl, "four", i, "--delay", "0.05")).ToList();
        var results = await Task.WhenAll(workers.Select(w => w.ExitAsync()));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        await AssertExactlyOnceAsync(database, 40_000);
        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(DISTINCT worker) FROM backfill_run_batches"));
        Assert.Equal(32L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections WHERE status = 'completed'"));
        workers.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task Two_workers_killed_mid_run_and_replaced_with_their_indexes_leave_the_run_exact()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 40_000);
        await using var _ = qdrant;
        var workers = Enumerable.Range(0, 4).Select(i => Worker(database, qdrant.GrpcUrl, "killed", i, "--delay", "0.1", "--lease-seconds", "2")).ToList();
        await WaitForBatchesAsync(database, 40);

        await workers[0].KillAsync();
        await workers[1].KillAsync();
        var replacements = new[] { Worker(database, qdrant.GrpcUrl, "killed", 0, "--lease-seconds", "2"), Worker(database, qdrant.GrpcUrl, "killed", 1, "--lease-seconds", "2") };
        var results = await Task.WhenAll(workers.Skip(2).Concat(replacements).Select(w => w.ExitAsync()));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        await AssertExactlyOnceAsync(database, 40_000);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections WHERE lease_epoch > 1") > 0, "no segment was taken over");
        foreach (var worker in workers.Concat(replacements))
        {
            worker.Dispose();
        }
    }

    [Fact]
    public async Task Two_workers_with_the_same_index_write_nothing_twice()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 5_000);
        await using var _ = qdrant;

        using var first = Worker(database, qdrant.GrpcUrl, "twins", 0, "--delay", "0.05", "--segments", "4");
        using var second = Worker(database, qdrant.GrpcUrl, "twins", 0, "--delay", "0.05", "--segments", "4");
        var results = await Task.WhenAll(first.ExitAsync(), second.ExitAsync());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        await AssertExactlyOnceAsync(database, 5_000);
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(DISTINCT worker) FROM backfill_run_batches"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(DISTINCT worker_index) FROM backfill_run_collections WHERE worker_index IS NOT NULL"));
    }

    [Fact]
    public async Task A_worker_stopped_past_its_lease_is_refused_its_next_write_says_so_and_moves_on()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 1_000);
        await using var _ = qdrant;
        string[] oneSegment = ["--collection", "code_patterns", "--segments", "1", "--parallel", "1", "--batch-size", "20", "--delay", "0.5", "--lease-seconds", "1"];
        using var stopped = Worker(database, qdrant.GrpcUrl, "stopped", 0, oneSegment);
        await WaitForBatchesAsync(database, 2);

        stopped.Signal("STOP");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        using var successor = Worker(database, qdrant.GrpcUrl, "stopped", 1, [.. oneSegment[..^4], "--lease-seconds", "1"]);
        await Eventually.AssertAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_batches WHERE epoch = 2") > 0,
            "the successor committing a batch under the next epoch");
        stopped.Signal("CONT");
        var results = await Task.WhenAll(stopped.ExitAsync(), successor.ExitAsync());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.Contains("the lease of code_patterns segment 0 (epoch 1) was taken over by another worker; its batch was not written; moving on", results[0].Output);
        var codePatterns = await database.ScalarAsync<long>("SELECT source_count FROM backfill_run_collections WHERE collection = 'code_patterns'");
        await AssertExactlyOnceAsync(database, codePatterns);
        Assert.Equal(0L, await database.ScalarAsync<long>("""
            SELECT count(*) FROM backfill_run_batches b
            WHERE b.epoch = 1 AND b.sequence >= (SELECT min(sequence) FROM backfill_run_batches WHERE epoch = 2)
            """));
    }

    [Fact]
    public async Task A_postgresql_restart_under_four_workers_is_ridden_out_exactly()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var (database, qdrant) = await BackfillHarness.SeededAsync(await cluster.CreateDatabaseAsync("workers_restart_test"), 8000);
        await using var _ = qdrant;
        var workers = Enumerable.Range(0, 4).Select(i => Worker(database, qdrant.GrpcUrl, "restart", i, "--delay", "0.05", "--batch-size", "50")).ToList();
        await WaitForBatchesAsync(database, 20);

        await cluster.RestartAsync(downFor: TimeSpan.FromSeconds(2));
        var results = await Task.WhenAll(workers.Select(w => w.ExitAsync()));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        await AssertExactlyOnceAsync(database, 8_000);
        workers.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task Qdrant_faults_under_four_workers_are_retried_and_the_run_stays_exact()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 8_000);
        await using var _ = qdrant;
        await using var proxy = await FaultProxy.StartAsync(qdrant.GrpcUrl);
        // Every seventh scroll fails; a call is tried four times, so no call fails for good.
        proxy.Plan = (number, path) => path == "/qdrant.Points/Scroll" && number % 7 == 0 ? new Fault.Grpc(Grpc.Core.StatusCode.Unavailable) : null;

        var workers = Enumerable.Range(0, 4).Select(i => Worker(database, proxy.Url, "faults", i, "--batch-size", "50")).ToList();
        var results = await Task.WhenAll(workers.Select(w => w.ExitAsync()));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.True(proxy.FaultsInjected >= 10, $"only {proxy.FaultsInjected} faults were injected");
        await AssertExactlyOnceAsync(database, 8_000);
        workers.ForEach(w => w.Dispose());
    }

    private static BackfillProcess Worker(TestDatabase database, Uri qdrant, string runName, int index, params string[] args) =>
        new(["run", "--run-name", runName, "--worker-index", index.ToString(CultureInfo.InvariantCulture), .. args,
            "--database-url", database.Url, "--qdrant-url", qdrant.ToString()]);

    private static Task WaitForBatchesAsync(TestDatabase database, long atLeast) =>
        Eventually.AssertAsync(
            async () => await database.ScalarAsync<bool>("SELECT to_regclass('backfill_run_batches') IS NOT NULL")
                && await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_batches") >= atLeast,
            $"{atLeast} batches committed");

    /// <summary>The run completed; its counters, its segments', its batches' and the table agree, and no pattern twice.</summary>
    private static async Task AssertExactlyOnceAsync(TestDatabase database, long patterns)
    {
        Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM backfill_runs"));
        Assert.Equal(patterns, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
        Assert.Equal(patterns, await database.ScalarAsync<long>("SELECT stored + unchanged + rejected FROM backfill_runs"));
        Assert.Equal(patterns, await database.ScalarAsync<long>("SELECT coalesce(sum(processed), 0)::bigint FROM backfill_run_collections"));
        Assert.Equal(patterns, await database.ScalarAsync<long>("SELECT coalesce(sum(processed), 0)::bigint FROM backfill_run_batches"));
        var stored = await database.ScalarAsync<long>("SELECT stored FROM backfill_runs");
        Assert.Equal(stored, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(stored, await database.ScalarAsync<long>("SELECT count(DISTINCT pattern_id) FROM pattern_quality_metrics"));
        Assert.Equal(stored, await database.ScalarAsync<long>("SELECT coalesce(sum(stored), 0)::bigint FROM backfill_run_batches"));
        Assert.Equal(
            await database.ScalarAsync<long>("SELECT sum(batches)::bigint FROM backfill_run_collections"),
            await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_batches"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections WHERE status NOT IN ('completed', 'missing')"));

        // Coverage is measured once, by the worker that ended the run, not by each.
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_coverage WHERE run_id = (SELECT id FROM backfill_runs)"));
    }
}
