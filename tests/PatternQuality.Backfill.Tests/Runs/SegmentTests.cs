using PatternQuality.Backfill.Qdrant;

namespace PatternQuality.Backfill.Tests.Runs;

public sealed class SegmentTests(PostgresServer server)
{
    [Fact]
    public void Segments_cover_the_id_space_without_gaps_and_integers_fall_in_the_first()
    {
        var four = PointIdSegments.Split(4);

        Assert.Equal(new PointIdRange(null, null), Assert.Single(PointIdSegments.Split(1)));
        Assert.Null(four[0].StartJson);
        Assert.Null(four[^1].EndJson);
        Assert.All(four.Zip(four.Skip(1)), pair => Assert.Equal(pair.First.EndJson, pair.Second.StartJson));
        Assert.Equal("\"40000000-0000-0000-0000-000000000000\"", four[0].EndJson);
        Assert.Equal("\"c0000000-0000-0000-0000-000000000000\"", four[2].EndJson);
        Assert.True(PointIdSegments.IsBefore("18446744073709551615", four[0].EndJson));
        Assert.True(PointIdSegments.IsBefore("\"3fffffff-ffff-ffff-ffff-ffffffffffff\"", four[0].EndJson));
        Assert.False(PointIdSegments.IsBefore("\"40000000-0000-0000-0000-000000000000\"", four[0].EndJson));
        Assert.True(PointIdSegments.IsBefore("\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", four[^1].EndJson));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Every_pattern_is_stored_once_whatever_the_number_of_segments(int parallel)
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--with-lineage", "0")).ExitCode);

        var run = await BackfillHarness.BackfillAsync(database, qdrant, "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", "64");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1085, BackfillHarness.SummaryFigure(run, "processed"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(12L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics WHERE metadata->>'point_id' NOT LIKE '%-%'"));
        Assert.Equal((long)parallel * 2, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections WHERE status = 'completed'"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT sum(processed)::bigint FROM backfill_run_collections"));
    }

    [Fact]
    public async Task A_resumed_run_keeps_its_own_segments()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--with-lineage", "0")).ExitCode);

        var partial = await BackfillHarness.BackfillAsync(database, qdrant, "--parallel", "4", "--limit", "300", "--batch-size", "50");
        var resumed = await BackfillHarness.BackfillAsync(database, qdrant, "--parallel", "1", "--batch-size", "70");

        Assert.True(partial.ExitCode == 0, partial.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("resuming backfill run", resumed.Output);
        Assert.Equal(8L, await database.ScalarAsync<long>("SELECT count(*) FROM backfill_run_collections WHERE status = 'completed'"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1085L, await database.ScalarAsync<long>("SELECT processed FROM backfill_runs"));
    }
}
