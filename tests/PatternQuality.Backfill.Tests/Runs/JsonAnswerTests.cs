using PatternQuality.Contracts.Answers;

namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>`--output json`: a run's stdout is its progress answers and its summary, and nothing else.</summary>
public sealed class JsonAnswerTests(PostgresServer server)
{
    [Fact]
    public async Task A_run_answers_its_progress_from_the_journal_and_a_summary_that_matches_it()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 300);
        await using var _ = qdrant;

        var run = await BackfillHarness.BackfillAsync(database, qdrant, "run", "--output", "json", "--batch-size", "40");

        Assert.True(run.ExitCode == 0, run.ToString());
        var answers = BackfillHarness.Lines(run.Output).Select(line => ToolAnswers.Read(line, "backfill")).ToList();
        var summary = Assert.IsType<BackfillSummaryAnswer>(answers[^1]);
        var coverage = Assert.IsType<CoverageAnswer>(answers[^2]);
        var progress = answers[..^2].Select(Assert.IsType<RunProgressAnswer>).ToList();
        Assert.Equal((300L, 300L, 0L, summary.RunId), (coverage.Points, coverage.Scored, coverage.Orphans, coverage.RunId));
        var last = progress[^1];
        Assert.Equal((300L, 300L), (last.Processed, last.Total));
        Assert.Equal(last.SegmentsTotal, last.SegmentsDone);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections"), last.SegmentsTotal);
        Assert.Empty(last.Workers);
        Assert.Equal("completed", summary.Status);
        Assert.False(summary.DryRun);
        Assert.Equal(await database.ScalarAsync<Guid>("SELECT id FROM backfill_runs"), summary.RunId);
        Assert.Equal(300, summary.Processed);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"), summary.Stored);
        Assert.Equal(summary.Processed, summary.Stored + summary.Unchanged + summary.Rejected);
        Assert.Equal(summary.Processed - summary.Rejected, summary.Bands.Excellent + summary.Bands.Good + summary.Bands.Fair + summary.Bands.Poor);
        Assert.Equal(await database.ScalarAsync<double>("SELECT avg(quality_score) FROM pattern_quality_metrics"), summary.Averages!.Quality, 4);
    }

    [Fact]
    public async Task A_dry_run_answers_what_a_run_would_do_and_writes_nothing()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 150);
        await using var _ = qdrant;

        var dry = await BackfillHarness.BackfillAsync(database, qdrant, "--dry-run", "--output", "json");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        var summary = Assert.IsType<BackfillSummaryAnswer>(ToolAnswers.ReadLast(BackfillHarness.Lines(dry.Output), "backfill"));
        Assert.True(summary.DryRun);
        Assert.Null(summary.RunId);
        Assert.Equal((150L, 0L), (summary.Processed, summary.Stored));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task Seeding_answers_what_it_wrote_and_then_what_the_collections_already_held()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");

        var seeded = await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "200", "--output", "json");
        var again = await BackfillHarness.SeedAsync(database, qdrant, "--if-empty", "--output", "json");

        Assert.Equal(new SeedAnswer(200, 12, null), ToolAnswers.Read(Assert.Single(BackfillHarness.Lines(seeded.Output)), "backfill"));
        Assert.Equal(new SeedAnswer(0, 0, 200), ToolAnswers.Read(Assert.Single(BackfillHarness.Lines(again.Output)), "backfill"));
        Assert.Equal(12L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_lineage_nodes"));
    }

    [Fact]
    public async Task A_failed_run_answers_its_reason_and_keeps_stderr_to_one_line()
    {
        var database = await server.CreateDatabaseAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");

        var run = await BackfillHarness.BackfillAsync(
            "run", "--output", "json", "--database-url", database.Url, "--qdrant-url", $"http://127.0.0.1:{LoopbackPort.Free()}");

        Assert.Equal(1, run.ExitCode);
        var failure = Assert.IsType<FailureAnswer>(ToolAnswers.Read(Assert.Single(BackfillHarness.Lines(run.Output)), "backfill"));
        Assert.Equal((FailureKind.Failed, 1), (failure.Kind, failure.ExitCode));
        Assert.StartsWith("cannot reach Qdrant", failure.Reason);
        Assert.Equal($"error: {failure.Reason}", Assert.Single(BackfillHarness.Lines(run.Error)));
    }
}
