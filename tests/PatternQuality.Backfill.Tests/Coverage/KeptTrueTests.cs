using PatternQuality.Contracts.Answers;

namespace PatternQuality.Backfill.Tests.Coverage;

/// <summary>The backfill kept running (<c>--every</c>) and a prune killed halfway, each as its own program.</summary>
public sealed class KeptTrueTests(PostgresServer server)
{
    [Fact]
    public async Task Every_runs_a_pass_then_another_that_writes_nothing_and_SIGTERM_between_passes_exits_0()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 200);
        await using var _ = qdrant;
        using var kept = new BackfillProcess(
            "run", "--every", "1s", "--output", "json", "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString());
        await Eventually.AssertAsync(
            () => Task.FromResult(Summaries(kept.Output).Count >= 2), "two passes", TimeSpan.FromMinutes(2));

        kept.Signal("TERM");
        var ended = await kept.ExitAsync();

        Assert.True(ended.ExitCode == 0, ended.ToString());
        var summaries = Summaries(ended.Output);
        Assert.Equal((200L, 0L), (summaries[0].Stored, summaries[1].Stored));
        Assert.NotEqual(summaries[0].RunId, summaries[1].RunId);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM backfill_runs WHERE status = 'completed'") >= 2);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_coverage WHERE run_id IS NOT NULL") >= 2);
        Assert.Equal(200L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_prune_killed_after_its_delete_and_before_its_commit_deletes_nothing()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 300);
        await using var _ = qdrant;
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        await database.ExecuteAsync("""
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, version, metadata)
            SELECT gen_random_uuid(), 0.5, 0.5, '1.0.0', '{"collection": "code_patterns"}' FROM generate_series(1, 50)
            """);

        // The prune records coverage last, in its transaction: held off there, it has deleted and archived, uncommitted.
        await using var holder = database.CreateDataSource();
        await using var connection = await holder.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var hold = new Npgsql.NpgsqlCommand("LOCK TABLE pattern_quality_coverage IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var prune = new BackfillProcess(
            "prune", "--expect-orphans", "50", "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString());
        await Eventually.AssertAsync(
            async () => await database.ScalarAsync<long>("""
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO pattern_quality_coverage%'
                """) == 1,
            "the prune waiting to record coverage after its delete", TimeSpan.FromMinutes(1));
        await prune.KillAsync();
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);

        await Eventually.AssertAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO pattern_quality_coverage%'") == 0,
            "the killed prune's session ending");
        Assert.Equal(350L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_pruned_scores"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_prunes"));
        var again = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--expect-orphans", "50");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(300L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    private static List<BackfillSummaryAnswer> Summaries(string output) =>
        [.. BackfillHarness.Lines(output).Where(line => line.StartsWith('{')).Select(line => ToolAnswers.Read(line, "backfill")).OfType<BackfillSummaryAnswer>()];
}
