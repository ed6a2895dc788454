namespace PatternQuality.Migrator.Tests;

public sealed class ConcurrencyTests(PostgresServer server)
{
    [Fact]
    public async Task Three_migrators_started_at_once_apply_each_migration_once_and_all_succeed()
    {
        var database = await server.CreateDatabaseAsync();
        var cancellationToken = TestContext.Current.CancellationToken;

        // Hold the migrators' advisory lock so all three are certainly running and waiting
        // before any of them can start: then release it and let them race.
        await using var dataSource = database.CreateDataSource();
        await using var holder = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock.Key})", holder))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var migrators = Enumerable.Range(0, 3)
            .Select(_ => MigratorHarness.RunProcessAsync(["up", "--database-url", database.Url], TimeSpan.FromMinutes(2)))
            .ToList();
        await WaitForWaitingMigratorsAsync(database, count: 3, migrators);

        await using (var unlock = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock.Key})", holder))
        {
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }

        var results = await Task.WhenAll(migrators);

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.All(results, result => Assert.Contains("waiting", result.StandardOutput));
        Assert.Single(results, result => result.StandardOutput.Contains("applied 001"));
        Assert.Equal(2, results.Count(result => result.StandardOutput.Contains("nothing to apply")));
        Assert.Equal(
            Migrations.MigrationCatalog.BuiltIn().Migrations.Select(m => m.Version),
            await Schema.JournalVersionsAsync(database));
    }

    private static Task WaitForWaitingMigratorsAsync(TestDatabase database, int count, IReadOnlyList<Task<ProcessResult>> migrators) =>
        Eventually.AssertAsync(async () =>
        {
            if (migrators.FirstOrDefault(task => task.IsCompleted) is { } finished)
            {
                Assert.Fail($"a migrator ended while the lock was held: {await finished}");
            }

            return await database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                >= count;
        }, $"{count} migrators waiting for the lock", TimeSpan.FromMinutes(1));
}
