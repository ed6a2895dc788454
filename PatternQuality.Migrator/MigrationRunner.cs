using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;
using PatternQuality.ServiceDefaults.Telemetry;

namespace PatternQuality.Migrator;

/// <summary>
/// Applies and rolls back migrations under the advisory lock. Forward, each migration runs in
/// its own transaction together with its journal row. A rollback run is all-or-nothing: its
/// steps share one transaction, so a refused step (orphans before 013) leaves the database
/// exactly as it was.
/// </summary>
public sealed class MigrationRunner(
    NpgsqlDataSource dataSource, MigrationCatalog catalog, TextWriter output, ILogger logger, TimeSpan lockTimeout)
{
    public async Task UpAsync(int? target, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate up");
        activity?.SetTag("db.migration.target", target);
        try
        {
            await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
            await using var _ = await MigrationLock.AcquireAsync(connection, output, cancellationToken);

            var journal = await PrepareJournalAsync(connection, cancellationToken);
            var pending = PlanUp(journal, target);
            if (pending.Count == 0)
            {
                output.WriteLine($"database is at version {CurrentVersion(journal)}; nothing to apply");
                return;
            }

            foreach (var migration in pending)
            {
                await ApplyAsync(connection, migration, journal, cancellationToken);
            }

            output.WriteLine($"database is at version {pending[^1].Version:D3}; applied {pending.Count} migration(s)");
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    /// <param name="expectedOrphans">With <paramref name="deleteOrphans"/>: delete only if exactly this many orphan scores exist.</param>
    public async Task DownAsync(int target, bool deleteOrphans, long? expectedOrphans, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate down");
        activity?.SetTag("db.migration.target", target);
        activity?.SetTag("db.migration.delete_orphans", deleteOrphans);
        try
        {
            await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
            await using var _ = await MigrationLock.AcquireAsync(connection, output, cancellationToken);

            var journal = await PrepareJournalAsync(connection, cancellationToken);
            var steps = PlanDown(journal, target);
            if (steps.Count == 0)
            {
                output.WriteLine($"database is at version {CurrentVersion(journal)}; nothing to roll back");
                return;
            }

            await RollBackAsync(connection, steps, deleteOrphans, expectedOrphans, journal, cancellationToken);
            output.WriteLine($"database is at version {CurrentVersion(journal, below: steps[^1].Version)}; rolled back {steps.Count} migration(s)");
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    private async Task<IReadOnlyList<JournalEntry>> PrepareJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await MigrationJournal.ExistsAsync(connection, cancellationToken))
        {
            var adopted = await SchemaAdoption.CreateJournalAndAdoptAsync(connection, catalog, cancellationToken);
            if (adopted.Count > 0)
            {
                output.WriteLine($"adopted the existing schema: recorded {string.Join(", ", adopted.Select(m => m.Label))} as applied");
                logger.LogInformation("Adopted existing schema up to migration {Version}", adopted[^1].Version);
            }
        }

        var journal = await MigrationJournal.ReadAsync(connection, cancellationToken);
        JournalValidation.EnsureScriptsUnchanged(journal, catalog);
        foreach (var unknown in journal.Where(entry => catalog.Find(entry.Version) is null))
        {
            output.WriteLine($"note: the journal records migration {unknown.Version:D3} {unknown.Name}, which this migrator does not know");
        }

        return journal;
    }

    private List<Migration> PlanUp(IReadOnlyList<JournalEntry> journal, int? target)
    {
        var applied = journal.Select(entry => entry.Version).ToHashSet();
        var latestApplied = applied.Count == 0 ? 0 : applied.Max();
        var pending = catalog.Migrations
            .Where(m => !applied.Contains(m.Version) && (target is null || m.Version <= target))
            .ToList();

        var outOfOrder = pending.FirstOrDefault(m => m.Version < latestApplied);
        if (outOfOrder is not null)
        {
            throw new MigratorException(
                $"migration {outOfOrder.Label} is new but {latestApplied:D3} is already applied; number new migrations after the latest applied one");
        }

        return pending;
    }

    private List<Migration> PlanDown(IReadOnlyList<JournalEntry> journal, int target)
    {
        var steps = new List<Migration>();
        foreach (var entry in journal.Where(e => e.Version > target).OrderByDescending(e => e.Version))
        {
            var migration = catalog.Find(entry.Version)
                ?? throw new MigratorException(
                    $"migration {entry.Version:D3} {entry.Name} is applied but unknown to this migrator; roll it back with the build that applied it");
            if (migration.DownSql is null)
            {
                throw new MigratorException($"migration {migration.Label} has no rollback script");
            }

            steps.Add(migration);
        }

        return steps;
    }

    private async Task ApplyAsync(
        NpgsqlConnection connection, Migration migration, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        using var activity = StartMigrationActivity(migration, "up");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SetLockTimeoutAsync(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, migration.UpSql, cancellationToken);
            await MigrationJournal.RecordAsync(connection, transaction, migration, stopwatch.ElapsedMilliseconds, adopted: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            activity.RecordFailure(ex);
            throw new MigratorException(
                $"migration {migration.Label} failed: {Describe(ex)}; it was rolled back and the database stays at version {CurrentVersion(journal, below: migration.Version)}", ex);
        }

        output.WriteLine($"applied {migration.Label} in {stopwatch.ElapsedMilliseconds} ms");
        logger.LogInformation("Applied migration {Version} {Name} in {ElapsedMs} ms", migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
    }

    private async Task RollBackAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> steps, bool deleteOrphans, long? expectedOrphans,
        IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SetLockTimeoutAsync(connection, transaction, cancellationToken);
        if (deleteOrphans)
        {
            await ExecuteAsync(connection, transaction, "SET LOCAL pattern_quality.delete_orphans = 'on'", cancellationToken);
            if (expectedOrphans is { } expected)
            {
                await ExecuteAsync(connection, transaction,
                    $"SET LOCAL pattern_quality.expected_orphans = '{expected.ToString(CultureInfo.InvariantCulture)}'", cancellationToken);
            }
        }

        // Said once the transaction commits: a refused step undoes the ones before it too.
        var rolledBack = new List<string>();
        foreach (var migration in steps)
        {
            using var activity = StartMigrationActivity(migration, "down");
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await ExecuteAsync(connection, transaction, migration.DownSql!, cancellationToken);
                await MigrationJournal.ForgetAsync(connection, transaction, migration.Version, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                activity.RecordFailure(ex);
                throw new MigratorException(
                    $"rollback of {migration.Label} failed: {Describe(ex)}; nothing was changed, the database stays at version {CurrentVersion(journal)}", ex);
            }

            rolledBack.Add($"rolled back {migration.Label} in {stopwatch.ElapsedMilliseconds} ms");
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (line, migration) in rolledBack.Zip(steps))
        {
            output.WriteLine(line);
            logger.LogInformation("Rolled back migration {Version} {Name}", migration.Version, migration.Name);
        }
    }

    private static Activity? StartMigrationActivity(Migration migration, string direction)
    {
        var activity = MigratorTelemetry.Source.StartActivity($"migration {migration.Label} {direction}");
        activity?.SetTag("db.migration.version", migration.Version);
        activity?.SetTag("db.migration.name", migration.Name);
        activity?.SetTag("db.migration.direction", direction);
        return activity;
    }

    private Task SetLockTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"SET LOCAL lock_timeout = '{(long)lockTimeout.TotalMilliseconds}ms'", cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string CurrentVersion(IReadOnlyList<JournalEntry> journal, int? below = null)
    {
        var versions = journal.Select(e => e.Version).Where(v => below is null || v < below).ToList();
        return versions.Count == 0 ? "000 (empty)" : versions.Max().ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(NpgsqlException exception) => exception is PostgresException postgres
        ? $"{OneLine(postgres.MessageText)} (SQLSTATE {postgres.SqlState})"
        : $"lost the database connection ({OneLine(exception.InnerException?.Message ?? exception.Message)})";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
