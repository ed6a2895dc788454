namespace PatternQuality.Migrator.Tests;

public sealed class StatusTests(PostgresServer server)
{
    [Fact]
    public async Task Status_lists_every_version_with_its_state_and_writes_nothing()
    {
        var database = await server.CreateDatabaseAsync();

        var fresh = await MigratorHarness.RunAsync(database, "status");

        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Contains("no journal yet", fresh.Output);
        Assert.Matches(@"(?m)^001\s+create_pattern_lineage\s+pending", fresh.Output);
        Assert.Matches(@"(?m)^013\s+drop_pattern_quality_metrics_fk\s+pending", fresh.Output);
        Assert.EndsWith("no migration applied; `up` would apply 001, 002, 013, 014, 015, 016, 017, 018, 019, 020", fresh.Output.TrimEnd());
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('pattern_quality_migrations') IS NOT NULL"));

        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "2")).ExitCode);
        var partial = await MigratorHarness.RunAsync(database, "status");

        Assert.True(partial.ExitCode == 0, partial.ToString());
        Assert.Matches(@"(?m)^001\s+create_pattern_lineage\s+applied\s+\d{4}-\d\d-\d\d", partial.Output);
        Assert.Matches(@"(?m)^002\s+create_pattern_quality_metrics\s+applied", partial.Output);
        Assert.Matches(@"(?m)^013\s+drop_pattern_quality_metrics_fk\s+pending", partial.Output);
        Assert.Matches(@"(?m)^014\s+ensure_pattern_quality_metrics_unique\s+pending", partial.Output);
        Assert.EndsWith("at version 002; `up` would apply 013, 014, 015, 016, 017, 018, 019, 020", partial.Output.TrimEnd());

        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        Assert.EndsWith("at version 020; `up` would apply nothing", (await MigratorHarness.RunAsync(database, "status")).Output.TrimEnd());
    }

    [Fact]
    public async Task Status_names_journal_entries_this_migrator_does_not_know()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        await database.ExecuteAsync("INSERT INTO pattern_quality_migrations (version, name, checksum) VALUES (900, 'from_a_newer_build', 'x')");

        var status = await MigratorHarness.RunAsync(database, "status");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"(?m)^900\s+from_a_newer_build\s+unknown", status.Output);
    }
}
