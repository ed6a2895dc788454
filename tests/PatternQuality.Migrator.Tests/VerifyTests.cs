namespace PatternQuality.Migrator.Tests;

public sealed class VerifyTests(PostgresServer server)
{
    [Fact]
    public async Task Verify_prints_the_operator_checks_and_the_score_distribution()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        foreach (var score in new[] { 0.95, 0.9, 0.75, 0.7, 0.6, 0.2, 0.0 })
        {
            await Schema.InsertScoreAsync(database, Guid.NewGuid(), score);
        }

        var result = await MigratorHarness.RunAsync(database, "verify", "--expect-rows", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"foreign keys to pattern_lineage_nodes\s+0\s+ok", result.Output);
        Assert.Matches(@"unique key on pattern_id\s+present\s+ok", result.Output);
        Assert.Matches(@"rows\s+7 \(expected 7\)\s+ok", result.Output);
        Assert.Matches(@"excellent \(>= 0.9\)\s+2\s", result.Output);
        Assert.Matches(@"good \(0.7 to 0.9\)\s+2\s", result.Output);
        Assert.Matches(@"fair \(0.5 to 0.7\)\s+1\s", result.Output);
        Assert.Matches(@"poor \(< 0.5\)\s+2\s", result.Output);
        Assert.Matches(@"average quality_score\s+0\.5857", result.Output);
        Assert.Contains("verify: passed", result.Output);
    }

    [Fact]
    public async Task Verify_fails_while_the_foreign_key_is_still_there()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "12")).ExitCode);

        var result = await MigratorHarness.RunAsync(database, "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"foreign keys to pattern_lineage_nodes\s+1\s+FAILED", result.Output);
        Assert.Contains("1 foreign key(s) still lead from pattern_quality_metrics to pattern_lineage_nodes", Assert.Single(MigratorHarness.Lines(result.Error)));
    }

    [Fact]
    public async Task Verify_fails_when_the_row_count_is_not_the_expected_one()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);

        var result = await MigratorHarness.RunAsync(database, "verify", "--expect-rows", "1085");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0 rows where 1085 were expected", result.Error);
    }

    [Fact]
    public async Task Verify_on_an_empty_database_says_to_migrate_first()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await MigratorHarness.RunAsync(database, "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pattern_quality_metrics does not exist", Assert.Single(MigratorHarness.Lines(result.Error)));
    }
}
