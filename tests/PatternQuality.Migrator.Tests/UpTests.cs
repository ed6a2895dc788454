using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Tests;

public sealed class UpTests(PostgresServer server)
{
    private static readonly List<int> BuiltInVersions = MigrationCatalog.BuiltIn().Migrations.Select(m => m.Version).ToList();

    [Fact]
    public async Task Fresh_database_is_migrated_to_the_latest_version()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await MigratorHarness.RunAsync(database, "up");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(BuiltInVersions, await Schema.JournalVersionsAsync(database));
        Assert.Contains(13, BuiltInVersions);
        Assert.Contains(14, BuiltInVersions);
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
        Assert.Contains("applied 013 drop_pattern_quality_metrics_fk", result.Output);
        Assert.Contains("migration 013", await database.ScalarAsync<string>(
            "SELECT col_description('pattern_quality_metrics'::regclass, 1 + (SELECT attnum - 1 FROM pg_attribute WHERE attrelid = 'pattern_quality_metrics'::regclass AND attname = 'pattern_id'))"));
    }

    [Fact]
    public async Task A_second_up_finds_nothing_to_do_and_changes_nothing()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        var before = await Schema.FingerprintAsync(database);

        var second = await MigratorHarness.RunAsync(database, "up");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing to apply", second.Output);
        Assert.DoesNotContain("applied 0", second.Output);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
    }

    [Fact]
    public async Task Up_to_12_builds_the_schema_as_it_was_before_013()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await MigratorHarness.RunAsync(database, "up", "--to", "12");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(BuiltInVersions.Where(v => v <= 12), await Schema.JournalVersionsAsync(database));
        Assert.Equal(1, await Schema.ForeignKeyRowsAsync(database));

        // The world before 013: a score for a pattern without a lineage node is rejected.
        var rejected = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Schema.InsertScoreAsync(database, Guid.NewGuid()));
        Assert.Equal("23503", rejected.SqlState);
        Assert.Equal("pattern_quality_metrics_pattern_id_fkey", rejected.ConstraintName);
    }

    [Fact]
    public async Task After_013_scores_without_lineage_are_stored_and_upserted_on_pattern_id()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        var patternId = Guid.NewGuid();

        await Schema.InsertScoreAsync(database, patternId, 0.5);
        await database.ExecuteAsync($"""
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence) VALUES ('{patternId}', 0.8, 0.9)
            ON CONFLICT (pattern_id) DO UPDATE SET quality_score = excluded.quality_score
            """);

        Assert.Equal(0.8, await database.ScalarAsync<double>($"SELECT quality_score FROM pattern_quality_metrics WHERE pattern_id = '{patternId}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task Scores_outside_zero_to_one_are_refused_by_the_table()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Schema.InsertScoreAsync(database, Guid.NewGuid(), 1.5));

        Assert.Equal("23514", refused.SqlState);
    }
}
