using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Schema;
using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;
using PatternQuality.ServiceDefaults.Telemetry;

namespace PatternQuality.Migrator;

/// <summary>
/// Applies and rolls back migrations under the advisory lock. Forward, each migration runs in
/// its own transaction together with its journal row. A rollback run is all-or-nothing: its
/// steps share one transaction, so a refused step (orphans before 013) leaves the database
/// exactly as it was. Each run answers what it did; <paramref name="output"/> gets its lines for people.
/// </summary>
public sealed class MigrationRunner(
    NpgsqlDataSource dataSource, MigrationCatalog catalog, TextWriter output, ILogger logger, TimeSpan lockTimeout)
{
    public async Task<MigrationAnswer> UpAsync(int? target, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate up");
        activity?.SetTag("db.migration.target", target);
        try
        {
            await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
            await using var _ = await MigrationLock.AcquireAsync(connection, output, cancellationToken);

            var (journal, adopted) = await PrepareJournalAsync(connection, cancellationToken);
            var steps = new List<MigrationStep>();
            foreach (var migration in PlanUp(journal, target))
            {
                steps.Add(await ApplyAsync(connection, migration, journal, cancellationToken));
            }

            var answer = new MigrationAnswer(MigrationDirection.Up, steps.Count > 0 ? steps[^1].Version : CurrentVersion(journal), steps)
            {
                Adopted = [.. adopted.Select(m => m.Version)],
            };
            output.WriteLine(answer.Headline());
            return answer;
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    /// <param name="undo">the migration to undo, with every applied one after it</param>
    /// <param name="expectedOrphans">With <paramref name="deleteOrphans"/>: delete only if exactly this many orphan scores exist.</param>
    public async Task<MigrationAnswer> DownAsync(int undo, bool deleteOrphans, long? expectedOrphans, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate down");
        activity?.SetTag("db.migration.target", undo - 1);
        activity?.SetTag("db.migration.delete_orphans", deleteOrphans);
        try
        {
            await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
            await using var _ = await MigrationLock.AcquireAsync(connection, output, cancellationToken);

            var (journal, _) = await PrepareJournalAsync(connection, cancellationToken);
            var plan = PlanDown(journal, undo);
            var answer = plan.Count == 0
                ? new MigrationAnswer(MigrationDirection.Down, CurrentVersion(journal), [])
                : await RollBackAsync(connection, plan, deleteOrphans, expectedOrphans, journal, cancellationToken);
            output.WriteLine(answer.Headline());
            return answer;
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }

    private async Task<(IReadOnlyList<JournalEntry> Journal, IReadOnlyList<Migration> Adopted)> PrepareJournalAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        IReadOnlyList<Migration> adopted = [];
        if (!await MigrationJournal.ExistsAsync(connection, cancellationToken))
        {
            adopted = await SchemaAdoption.CreateJournalAndAdoptAsync(connection, catalog, cancellationToken);
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

        return (journal, adopted);
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

    private List<Migration> PlanDown(IReadOnlyList<JournalEntry> journal, int undo)
    {
        if (catalog.Find(undo) is null && journal.All(entry => entry.Version != undo))
        {
            throw new MigratorException($"there is no migration {Versions.Label(undo)} to undo: this migrator knows {string.Join(", ", catalog.Migrations.Select(m => Versions.Label(m.Version)))}")
            {
                Kind = FailureKind.Usage,
            };
        }

        var steps = new List<Migration>();
        foreach (var entry in journal.Where(e => e.Version >= undo).OrderByDescending(e => e.Version))
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

    private async Task<MigrationStep> ApplyAsync(
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
                $"migration {migration.Label} failed: {Describe(ex)}; it was rolled back and the database stays at version {Versions.Label(CurrentVersion(journal, below: migration.Version))}", ex);
        }

        output.WriteLine($"applied {migration.Label} in {stopwatch.ElapsedMilliseconds} ms");
        logger.LogInformation("Applied migration {Version} {Name} in {ElapsedMs} ms", migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
        return new MigrationStep(migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
    }

    private async Task<MigrationAnswer> RollBackAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> plan, bool deleteOrphans, long? expectedOrphans,
        IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        long? deletedOrphans = null;
        connection.Notice += (_, args) =>
        {
            if (OrphanCount(args.Notice.ConstraintName, args.Notice.Detail) is { } deleted)
            {
                deletedOrphans = deleted;
            }
        };

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
        var steps = new List<MigrationStep>();
        foreach (var migration in plan)
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
                var orphans = ex is PostgresException refusal ? OrphanCount(refusal.ConstraintName, refusal.Detail) : null;
                throw new MigratorException(
                    $"rollback of {migration.Label} failed: {Describe(ex)}; nothing was changed, the database stays at version {Versions.Label(CurrentVersion(journal))}", ex)
                {
                    Kind = orphans is null ? FailureKind.Failed : deleteOrphans ? FailureKind.OrphanCountChanged : FailureKind.OrphansExist,
                    Orphans = orphans,
                    ConfirmedOrphans = orphans is null ? null : expectedOrphans,
                };
            }

            steps.Add(new MigrationStep(migration.Version, migration.Name, stopwatch.ElapsedMilliseconds));
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var step in steps)
        {
            output.WriteLine($"rolled back {Versions.Label(step.Version)} {step.Name} in {step.ElapsedMilliseconds} ms");
            logger.LogInformation("Rolled back migration {Version} {Name}", step.Version, step.Name);
        }

        return new MigrationAnswer(MigrationDirection.Down, CurrentVersion(journal, below: plan[^1].Version), steps) { DeletedOrphans = deletedOrphans };
    }

    /// <summary>The orphan count 013's rollback carries in DETAIL when it names the lineage key (see its down script).</summary>
    private static long? OrphanCount(string? constraint, string? detail) =>
        constraint == LineageForeignKey.Name && long.TryParse(detail, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

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

    /// <summary>The highest applied version (below <paramref name="below"/>), 0 for none.</summary>
    private static int CurrentVersion(IReadOnlyList<JournalEntry> journal, int? below = null) =>
        journal.Select(e => e.Version).Where(v => below is null || v < below).DefaultIfEmpty(0).Max();

    private static string Describe(NpgsqlException exception) => exception is PostgresException postgres
        ? $"{OneLine(postgres.MessageText)} (SQLSTATE {postgres.SqlState})"
        : $"lost the database connection ({OneLine(exception.InnerException?.Message ?? exception.Message)})";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
