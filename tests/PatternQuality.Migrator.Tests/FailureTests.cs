namespace PatternQuality.Migrator.Tests;

public sealed class FailureTests(PostgresServer server)
{
    [Fact]
    public async Task A_broken_migration_leaves_journal_and_schema_as_they_were_and_exits_non_zero()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(
            ("001_first.up.sql", "CREATE TABLE first_table (id int);"),
            ("002_broken.up.sql", "CREATE TABLE half_made (id int);\nINSERT INTO no_such_table VALUES (1);"),
            ("003_after.up.sql", "CREATE TABLE after_broken (id int);"));
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "1", "--migrations-dir", set.Path)).ExitCode);
        var before = await Schema.FingerprintAsync(database);

        var result = await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(MigratorHarness.Lines(result.Error));
        Assert.Contains("002 broken failed", error);
        Assert.Contains("no_such_table", error);
        Assert.Contains("stays at version 001", error);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('half_made') IS NOT NULL"));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('after_broken') IS NOT NULL"));
    }

    [Fact]
    public async Task An_applied_migration_whose_script_changed_is_refused()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(
            ("001_first.up.sql", "CREATE TABLE first_table (id int);"),
            ("002_second.up.sql", "CREATE TABLE second_table (id int);"));
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--to", "1", "--migrations-dir", set.Path)).ExitCode);
        set.Write("001_first.up.sql", "CREATE TABLE first_table (id bigint);");

        var up = await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path);
        var status = await MigratorHarness.RunAsync(database, "status", "--migrations-dir", set.Path);

        Assert.Equal(1, up.ExitCode);
        Assert.Contains("001 first was changed after it was applied", Assert.Single(MigratorHarness.Lines(up.Error)));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('second_table') IS NOT NULL"));
        Assert.Equal(1, status.ExitCode);
        Assert.Matches(@"(?m)^001\s+first\s+changed", status.Output);
    }

    [Fact]
    public async Task Line_ending_changes_alone_do_not_count_as_a_changed_script()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(("001_first.up.sql", "CREATE TABLE first_table (id int);\nCOMMENT ON TABLE first_table IS 'x';\n"));
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path)).ExitCode);
        set.Write("001_first.up.sql", "CREATE TABLE first_table (id int);\r\nCOMMENT ON TABLE first_table IS 'x';\r\n");

        var up = await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path);

        Assert.True(up.ExitCode == 0, up.ToString());
    }

    [Fact]
    public async Task A_new_migration_numbered_below_an_applied_one_is_refused()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(
            ("001_first.up.sql", "CREATE TABLE first_table (id int);"),
            ("005_fifth.up.sql", "CREATE TABLE fifth_table (id int);"));
        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path)).ExitCode);
        set.Write("003_late.up.sql", "CREATE TABLE late_table (id int);");

        var up = await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path);

        Assert.Equal(1, up.ExitCode);
        Assert.Contains("003 late is new but 005 is already applied", up.Error);
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('late_table') IS NOT NULL"));
    }

    [Fact]
    public async Task An_interrupted_migration_is_rolled_back_and_exits_non_zero()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(
            ("001_slow.up.sql", "CREATE TABLE slow_table (id int);\nSELECT pg_sleep(60);"));
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = MigratorHarness.RunAsync(interrupt.Token, "up", "--migrations-dir", set.Path, "--database-url", database.Url);
        await Eventually.AssertAsync(() => database.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid())"),
            "the slow migration starting");

        await interrupt.CancelAsync();
        var result = await run;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("interrupted", Assert.Single(MigratorHarness.Lines(result.Error)));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('slow_table') IS NOT NULL"));
        Assert.Empty(await Schema.JournalVersionsAsync(database));
    }
}
