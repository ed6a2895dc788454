namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>The demo seeding started beside the migrator (as the AppHost starts it): it waits for the lineage table, and only as long as it was told.</summary>
public sealed class SeedBesideMigratorTests(PostgresServer server)
{
    [Fact]
    public async Task Seeding_waits_for_the_migrator_to_create_the_lineage_table_then_writes_every_node()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();

        var seeding = BackfillHarness.SeedAsync(database, qdrant, "--patterns", "300", "--wait-for-schema", "60");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(seeding.IsCompleted, "the seeding finished before any table existed");
        await DatabaseMigrations.ApplyAsync(database, "up");
        var seeded = await seeding;

        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        Assert.Contains("waiting up to 60 s for the database and the migrator to create pattern_lineage_nodes", seeded.Output);
        Assert.Equal(18L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_lineage_nodes"));
    }

    [Theory]
    [InlineData(new string[0], "the database has no pattern_lineage_nodes table: run the migrator's `up` first")]
    [InlineData(new[] { "--wait-for-schema", "1" }, "the database has no pattern_lineage_nodes table after 1 s: run the migrator's `up` first")]
    public async Task Without_the_table_in_time_the_seeding_fails_in_one_line(string[] wait, string expected)
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();

        var seeded = await BackfillHarness.SeedAsync(database, qdrant, ["--patterns", "50", .. wait]);

        Assert.Equal(1, seeded.ExitCode);
        Assert.Equal($"error: {expected}", Assert.Single(BackfillHarness.Lines(seeded.Error)));
    }
}
