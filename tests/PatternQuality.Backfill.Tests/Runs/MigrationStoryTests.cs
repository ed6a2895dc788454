namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>The table of DESIGN.md, end to end: the same 1,085 patterns before and after migration 013.</summary>
public sealed class MigrationStoryTests(PostgresServer server)
{
    [Fact]
    public async Task Before_013_the_key_rejects_1020_scores_and_after_013_all_1085_are_stored()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up", "--to", "12");
        var seed = await BackfillHarness.SeedAsync(database, qdrant);
        Assert.True(seed.ExitCode == 0, seed.ToString());

        var before = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(1085, BackfillHarness.SummaryFigure(before, "processed"));
        Assert.Equal(65, BackfillHarness.SummaryFigure(before, "stored"));
        Assert.Equal(1020, BackfillHarness.SummaryFigure(before, "rejected"));
        Assert.Equal(1020, BackfillHarness.SummaryFigure(before, "foreign_key_violation"));
        Assert.Equal(65L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(65L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_lineage_nodes"));

        await DatabaseMigrations.ApplyAsync(database, "up");
        var after = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(1085, BackfillHarness.SummaryFigure(after, "processed"));
        Assert.Equal(0, BackfillHarness.SummaryFigure(after, "rejected"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(DISTINCT pattern_id) FROM pattern_quality_metrics"));
        Assert.Equal(0L, await database.ScalarAsync<long>("""
            SELECT count(*) FROM information_schema.table_constraints
            WHERE table_name = 'pattern_quality_metrics' AND constraint_type = 'FOREIGN KEY'
            """));
    }

    [Fact]
    public async Task Re_running_a_finished_backfill_stores_nothing_twice()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant)).ExitCode);
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        var firstTimestamps = await database.ScalarAsync<DateTime>("SELECT max(measurement_timestamp) FROM pattern_quality_metrics");

        var again = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, BackfillHarness.SummaryFigure(again, "stored"));
        Assert.Equal(1085, BackfillHarness.SummaryFigure(again, "unchanged"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(firstTimestamps, await database.ScalarAsync<DateTime>("SELECT max(measurement_timestamp) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_run_over_scores_partly_stored_adds_the_missing_restores_the_changed_and_keeps_the_summary_exact()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant)).ExitCode);
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        const string Reference = "SELECT string_agg(pattern_id || ':' || quality_score || ':' || metadata::text, ',' ORDER BY pattern_id) FROM pattern_quality_metrics";
        var reference = await database.ScalarAsync<string>(Reference);

        // Whole batches of new scores (the lower half of the ids gone) and batches that meet stored ones, some changed.
        var deleted = await database.ScalarAsync<long>(
            "WITH d AS (DELETE FROM pattern_quality_metrics WHERE pattern_id < '80000000-0000-0000-0000-000000000000' RETURNING 1) SELECT count(*) FROM d");
        var changed = await database.ScalarAsync<long>("""
            WITH u AS (
                UPDATE pattern_quality_metrics SET quality_score = 0.0
                WHERE pattern_id IN (SELECT pattern_id FROM pattern_quality_metrics ORDER BY pattern_id DESC LIMIT 100)
                RETURNING 1)
            SELECT count(*) FROM u
            """);
        Assert.True(deleted > 300 && changed == 100, $"{deleted} deleted, {changed} changed");

        var again = await BackfillHarness.BackfillAsync(database, qdrant, "--batch-size", "50");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(deleted + changed, BackfillHarness.SummaryFigure(again, "stored"));
        Assert.Equal(1085 - deleted - changed, BackfillHarness.SummaryFigure(again, "unchanged"));
        Assert.Equal(reference, await database.ScalarAsync<string>(Reference));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT sum(patterns)::bigint FROM pattern_quality_band_counts"));
        Assert.Equal(
            await database.ScalarAsync<string>("SELECT string_agg(band || n, ',' ORDER BY band) FROM (SELECT pattern_quality_band(quality_score) AS band, count(*) AS n FROM pattern_quality_metrics GROUP BY 1) b"),
            await database.ScalarAsync<string>("SELECT string_agg(band || patterns, ',' ORDER BY band) FROM (SELECT band, sum(patterns) AS patterns FROM pattern_quality_band_counts GROUP BY band) b"));
    }

    [Fact]
    public async Task Stored_rows_carry_the_reference_scores_and_their_provenance()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "200", "--with-lineage", "0")).ExitCode);
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);

        using var http = qdrant.CreateClient();
        var page = await http.PostAsync("collections/code_patterns/points/scroll",
            new StringContent("""{"limit": 500}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var points = System.Text.Json.JsonDocument.Parse(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checkedRows = 0;
        foreach (var point in points.RootElement.GetProperty("result").GetProperty("points").EnumerateArray())
        {
            var mapped = PatternQuality.Backfill.Scoring.PatternMapper.FromQdrantPoint(point.GetProperty("id"), point.GetProperty("payload"));
            var expected = PatternQuality.Backfill.Scoring.PatternScorer.Score(mapped.Pattern!);
            var row = await database.ScalarAsync<string>($"""
                SELECT quality_score || '|' || (metadata->>'documentation_score') || '|' || (metadata->>'collection') || '|' || version
                FROM pattern_quality_metrics WHERE pattern_id = '{mapped.Pattern!.PatternId}'
                """);
            var parts = row.Split('|');
            Assert.Equal(expected.Stored, double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
            Assert.Equal(expected.Documentation, double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
            Assert.Equal("code_patterns", parts[2]);
            Assert.Equal("1.0.0", parts[3]);
            checkedRows++;
        }

        Assert.True(checkedRows > 150);
    }
}
