namespace PatternQuality.Migrator.Tests;

public sealed class RollbackTests(PostgresServer server)
{
    [Fact]
    public async Task Operator_check_finds_no_foreign_key_after_013_and_one_after_rolling_back_to_012()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));

        var down = await MigratorHarness.RunAsync(database, "down", "--to", "12");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(1, await Schema.ForeignKeyRowsAsync(database));
        Assert.Equal([1, 2], await Schema.JournalVersionsAsync(database));
        Assert.Contains("rolled back 013", down.Output);

        var upAgain = await MigratorHarness.RunAsync(database, "up");
        Assert.True(upAgain.ExitCode == 0, upAgain.ToString());
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
    }

    [Fact]
    public async Task Rollback_is_refused_while_orphan_scores_exist_and_changes_nothing()
    {
        var database = await server.CreateDatabaseAsync();
        await SeedScoresAsync(database, withLineage: 2, orphans: 3);
        var before = await Schema.FingerprintAsync(database);

        var down = await MigratorHarness.RunAsync(database, "down", "--to", "12");

        Assert.Equal(1, down.ExitCode);
        var error = Assert.Single(MigratorHarness.Lines(down.Error));
        Assert.Contains("3 orphan score rows", error);
        Assert.Contains("--delete-orphans", error);
        Assert.DoesNotContain("rolled back", down.Output);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
    }

    [Fact]
    public async Task Rollback_with_delete_orphans_deletes_them_in_the_same_transaction_and_restores_the_key()
    {
        var database = await server.CreateDatabaseAsync();
        var kept = await SeedScoresAsync(database, withLineage: 2, orphans: 3);

        var down = await MigratorHarness.RunAsync(database, "down", "--to", "12", "--delete-orphans");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("deleted 3 orphan score rows", down.Output);
        Assert.Equal(1, await Schema.ForeignKeyRowsAsync(database));
        Assert.Equal(
            kept.Order().ToList(),
            await database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics ORDER BY pattern_id"));
        var rejected = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Schema.InsertScoreAsync(database, Guid.NewGuid()));
        Assert.Equal("23503", rejected.SqlState);
    }

    [Fact]
    public async Task Deleting_orphans_with_a_confirmed_count_refuses_another_count_and_deletes_on_the_right_one()
    {
        var database = await server.CreateDatabaseAsync();
        var kept = await SeedScoresAsync(database, withLineage: 2, orphans: 3);
        var before = await Schema.FingerprintAsync(database);

        var wrong = await MigratorHarness.RunAsync(database, "down", "--to", "12", "--delete-orphans", "--expect-orphans", "2");

        Assert.Equal(1, wrong.ExitCode);
        var error = Assert.Single(MigratorHarness.Lines(wrong.Error));
        Assert.Contains("2 were confirmed but 3 have no pattern_lineage_nodes row", error);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));

        var right = await MigratorHarness.RunAsync(database, "down", "--to", "12", "--delete-orphans", "--expect-orphans", "3");

        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Equal(1, await Schema.ForeignKeyRowsAsync(database));
        Assert.Equal(
            kept.Order().ToList(),
            await database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics ORDER BY pattern_id"));
    }

    [Theory]
    [InlineData("--expect-orphans", "3")]
    [InlineData("--delete-orphans", "--expect-orphans", "-1")]
    [InlineData("--delete-orphans", "--expect-orphans", "many")]
    public async Task A_confirmed_count_without_deletion_or_out_of_range_is_a_usage_error_that_touches_nothing(params string[] options)
    {
        var database = await server.CreateDatabaseAsync();
        await SeedScoresAsync(database, withLineage: 2, orphans: 3);
        var before = await Schema.FingerprintAsync(database);

        var down = await MigratorHarness.RunAsync(database, ["down", "--to", "12", .. options]);

        Assert.Equal(2, down.ExitCode);
        Assert.Single(MigratorHarness.Lines(down.Error));
        Assert.Equal(before, await Schema.FingerprintAsync(database));
    }

    [Fact]
    public async Task Rolling_back_to_zero_removes_every_table_and_up_rebuilds_them()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);

        var down = await MigratorHarness.RunAsync(database, "down", "--to", "0");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Empty(await Schema.JournalVersionsAsync(database));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('pattern_quality_metrics') IS NOT NULL"));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('pattern_lineage_nodes') IS NOT NULL"));
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
    }

    [Fact]
    public async Task Rolling_back_above_the_current_version_does_nothing()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "2")).ExitCode);

        var down = await MigratorHarness.RunAsync(database, "down", "--to", "12");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("nothing to roll back", down.Output);
        Assert.Equal([1, 2], await Schema.JournalVersionsAsync(database));
    }

    [Fact]
    public async Task A_table_lock_held_elsewhere_makes_the_migration_give_up_after_the_lock_timeout()
    {
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "12")).ExitCode);
        var before = await Schema.FingerprintAsync(database);
        await using var dataSource = database.CreateDataSource();
        await using var reader = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await reader.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var select = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pattern_quality_metrics", reader, transaction))
        {
            await select.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        var up = await MigratorHarness.RunAsync(database, "up", "--lock-timeout", "1");

        Assert.Equal(1, up.ExitCode);
        var error = Assert.Single(MigratorHarness.Lines(up.Error));
        Assert.Contains("lock timeout", error);
        Assert.Contains("013", error);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
    }

    internal static async Task<List<Guid>> SeedScoresAsync(TestDatabase database, int withLineage, int orphans)
    {
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        var kept = new List<Guid>();
        for (var i = 0; i < withLineage; i++)
        {
            var id = Guid.NewGuid();
            await Schema.InsertLineageNodeAsync(database, id);
            await Schema.InsertScoreAsync(database, id);
            kept.Add(id);
        }

        for (var i = 0; i < orphans; i++)
        {
            await Schema.InsertScoreAsync(database, Guid.NewGuid());
        }

        return kept;
    }
}
