using PatternQuality.Contracts.Schema;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Tests;

/// <summary>The schema facts every process reads from PatternQuality.Contracts hold for the migrations this migrator applies.</summary>
public sealed class SchemaFactsTests(PostgresServer server)
{
    [Fact]
    public async Task The_lineage_key_is_there_before_the_migration_said_to_drop_it_and_gone_after_it()
    {
        var database = await server.CreateDatabaseAsync();
        var before = MigrationCatalog.BuiltIn().Migrations.Last(m => m.Version < LineageForeignKey.DroppedBy).Version;

        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", before.ToString())).ExitCode);
        var present = await database.ScalarAsync<long>(LineageForeignKey.CountSql);
        var named = await database.ColumnAsync<string>($"SELECT conname::text FROM pg_constraint WHERE contype = 'f' AND conrelid = '{SchemaNames.QualityMetrics}'::regclass");
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", LineageForeignKey.DroppedBy.ToString())).ExitCode);
        var absent = await database.ScalarAsync<long>(LineageForeignKey.CountSql);

        Assert.Equal((1L, 0L), (present, absent));
        Assert.Equal([LineageForeignKey.Name], named);
    }

    [Fact]
    public async Task The_named_tables_and_key_are_what_the_migrations_create()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);

        foreach (var table in new[] { SchemaNames.QualityMetrics, SchemaNames.LineageNodes, SchemaNames.MigrationJournal, SchemaNames.BackfillRuns, SchemaNames.BackfillRunCollections })
        {
            Assert.True(await database.ScalarAsync<bool>($"SELECT to_regclass('{table}') IS NOT NULL"), table);
        }

        Assert.True(await database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{SchemaNames.PatternIdUnique}')"));
        Assert.Equal(0, await database.ScalarAsync<long>(LineageForeignKey.CountSql));
    }
}
