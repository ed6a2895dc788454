using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Tests;

public sealed class AdoptionTests(PostgresServer server)
{
    [Fact]
    public async Task A_schema_built_without_the_migrator_is_adopted_and_brought_forward()
    {
        var database = await server.CreateDatabaseAsync();
        await BuildByHandAsync(database, upTo: 2);
        var lineaged = Guid.NewGuid();
        await Schema.InsertLineageNodeAsync(database, lineaged);
        await Schema.InsertScoreAsync(database, lineaged);

        var result = await MigratorHarness.RunAsync(database, "up");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("adopted the existing schema", result.Output);
        Assert.Equal(
            [(1, true), (2, true), (13, false), (14, false)],
            (await database.ColumnAsync<string>("SELECT version || ':' || adopted FROM pattern_quality_migrations WHERE version <= 14 ORDER BY version"))
                .Select(row => row.Split(':')).Select(p => (int.Parse(p[0]), bool.Parse(p[1]))));
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
        Assert.Equal(lineaged, await database.ScalarAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_production_database_where_the_key_was_already_dropped_by_hand_is_adopted_through_013()
    {
        var database = await server.CreateDatabaseAsync();
        await BuildByHandAsync(database, upTo: 2);
        await database.ExecuteAsync("ALTER TABLE pattern_quality_metrics DROP CONSTRAINT pattern_quality_metrics_pattern_id_fkey");

        var result = await MigratorHarness.RunAsync(database, "up");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("013 drop_pattern_quality_metrics_fk", result.Output.Split('\n').Single(l => l.StartsWith("adopted")));
        Assert.Equal(
            [1, 2, 13, 14],
            await database.ColumnAsync<int>("SELECT version FROM pattern_quality_migrations WHERE adopted ORDER BY version"));
    }

    [Fact]
    public async Task Status_announces_the_adoption_without_performing_it()
    {
        var database = await server.CreateDatabaseAsync();
        await BuildByHandAsync(database, upTo: 2);

        var status = await MigratorHarness.RunAsync(database, "status");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("will adopt the existing schema up to 002 create_pattern_quality_metrics", status.Output);
        Assert.EndsWith("at version 002; `up` would adopt 001, 002 and apply 013, 014, 015, 016, 017, 018, 019, 020", status.Output.TrimEnd());
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('pattern_quality_migrations') IS NOT NULL"));
    }

    private static async Task BuildByHandAsync(TestDatabase database, int upTo)
    {
        foreach (var migration in MigrationCatalog.BuiltIn().Migrations.Where(m => m.Version <= upTo))
        {
            await database.ExecuteAsync(migration.UpSql);
        }
    }
}
