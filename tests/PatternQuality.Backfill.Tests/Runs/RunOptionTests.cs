namespace PatternQuality.Backfill.Tests.Runs;

public sealed class RunOptionTests(PostgresServer server)
{
    [Fact]
    public async Task A_limit_leaves_the_run_partial_and_the_next_run_finishes_it()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 300);
        await using var _ = qdrant;

        var first = await BackfillHarness.BackfillAsync(database, qdrant, "--limit", "120", "--batch-size", "50");
        var second = await BackfillHarness.BackfillAsync(database, qdrant, "--batch-size", "50");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("partial", BackfillHarness.Lines(first.Output).Last(l => l.StartsWith("backfill run")));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("resuming backfill run", second.Output);
        Assert.Equal(300L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(300L, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
    }

    [Fact]
    public async Task A_dry_run_scores_and_reports_but_writes_nothing()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 150);
        await using var _ = qdrant;

        var dry = await BackfillHarness.BackfillAsync(database, qdrant, "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(150, BackfillHarness.SummaryFigure(dry, "processed"));
        Assert.Contains("dry run", dry.Output);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_runs"));
    }

    [Fact]
    public async Task Min_confidence_rejects_the_patterns_below_it()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 200);
        await using var _ = qdrant;

        var run = await BackfillHarness.BackfillAsync(database, qdrant, "--min-confidence", "0.5");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rejected = BackfillHarness.SummaryFigure(run, "below_min_confidence");
        Assert.InRange(rejected, 1, 199);
        Assert.Equal(200 - rejected, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics WHERE confidence < 0.5"));
    }

    [Fact]
    public async Task Missing_default_collections_are_reported_but_a_missing_named_one_fails()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 50);
        await using var _ = qdrant;

        var defaults = await BackfillHarness.BackfillAsync(database, qdrant);
        var named = await BackfillHarness.BackfillAsync(database, qdrant, "--collection", "archon_vectors");

        Assert.True(defaults.ExitCode == 0, defaults.ToString());
        Assert.Contains("collection archon_vectors does not exist in Qdrant; skipping it", defaults.Output);
        Assert.Contains("missing collections (skipped): archon_vectors, quality_vectors", defaults.Output);
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("collection 'archon_vectors' does not exist", Assert.Single(BackfillHarness.Lines(named.Error)));
    }

    [Fact]
    public async Task Another_run_is_refused_while_one_runs_naming_the_running_one()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 300);
        await using var _ = qdrant;
        using var running = new BackfillProcess(
            "run", "--run-name", "first", "--batch-size", "5", "--delay", "0.5", "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString());
        await Eventually.AssertAsync(
            async () => await database.ScalarAsync<bool>("SELECT to_regclass('backfill_run_batches') IS NOT NULL")
                && await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_batches") > 0,
            "the first run committing a batch");
        var runId = await database.ScalarAsync<Guid>("SELECT id FROM backfill_runs");
        var storedBefore = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");

        var unnamed = await BackfillHarness.BackfillAsync(database, qdrant);
        var other = await BackfillHarness.BackfillAsync(database, qdrant, "--run-name", "second");

        Assert.Equal(1, unnamed.ExitCode);
        Assert.Equal($"error: another backfill is running on this database (run first ({runId})); wait for it or stop it first", Assert.Single(BackfillHarness.Lines(unnamed.Error)));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"(run first ({runId})); run 'second' can start once it ends", Assert.Single(BackfillHarness.Lines(other.Error)));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_runs"));
        Assert.InRange(await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"), storedBefore, 299);
    }

    [Fact]
    public async Task Bad_run_names_and_worker_indexes_are_refused_in_one_line()
    {
        var badName = await BackfillHarness.BackfillAsync("run", "--run-name", "../etc; drop table", "--database-url", "postgresql://x@127.0.0.1:1/x");
        var badSegments = await BackfillHarness.BackfillAsync("run", "--segments", "0");
        var badLease = await BackfillHarness.BackfillAsync("run", "--lease-seconds", "abc");

        Assert.Equal(2, badName.ExitCode);
        Assert.StartsWith("error: --run-name (or BACKFILL_RUN_NAME) must be 1 to 100 letters", Assert.Single(BackfillHarness.Lines(badName.Error)));
        Assert.Equal(2, badSegments.ExitCode);
        Assert.Contains("--segments must be between 1 and 4096", Assert.Single(BackfillHarness.Lines(badSegments.Error)));
        Assert.Equal(2, badLease.ExitCode);
        Assert.Single(BackfillHarness.Lines(badLease.Error));
    }

    [Fact]
    public async Task Seeding_refuses_collections_that_hold_other_data_and_re_seeding_the_demo_is_harmless()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 40);
        await using var _ = qdrant;
        var again = await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "40");
        using var http = qdrant.CreateClient();
        using var foreign = await QdrantTestData.UpsertAsync(http, "code_patterns", """[{"id": 999999999, "vector": [1,0,0,0,0,0,0,0], "payload": {"mine": true}}]""");

        var refused = await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "40");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already holds 1 points that are not this demo's", refused.Error);
    }

    [Theory]
    [InlineData("--batch-size 0")]
    [InlineData("--batch-size 100001")]
    [InlineData("--delay -1")]
    [InlineData("--limit 0")]
    [InlineData("--min-confidence 1.5")]
    [InlineData("--batch-size lots")]
    [InlineData("--frobnicate")]
    [InlineData("seed-demo --patterns 0")]
    public async Task Wrong_command_lines_are_one_line_usage_errors(string commandLine)
    {
        var result = await BackfillHarness.BackfillAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(BackfillHarness.Lines(result.Error)));
    }

    [Fact]
    public async Task An_unreachable_qdrant_is_a_one_line_failure()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await BackfillHarness.BackfillAsync("--database-url", database.Url, "--qdrant-url", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach Qdrant", Assert.Single(BackfillHarness.Lines(result.Error)));
    }
}
