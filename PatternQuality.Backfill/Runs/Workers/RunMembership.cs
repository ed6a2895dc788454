using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// A worker's place in a run. Joining is serialised by a transaction-scoped advisory lock; a worker then holds a
/// shared session lock keyed by its run's <c>lock_key</c> for as long as it works, so the live runs of a database are
/// those whose key pg_locks shows held. Workers naming the same run join it; a worker naming another run while one is
/// live is refused, naming it; an unnamed worker (a run of one) is refused while any run is live, as before.
/// </summary>
public sealed class RunMembership : IAsyncDisposable
{
    // Any constant works as long as every backfill of this database uses the same one.
    private const int LockClass = 0x5051_BAC0;

    private readonly NpgsqlDataSource dataSource;
    private readonly SemaphoreSlim connectionInUse = new(1, 1);
    private NpgsqlConnection connection;

    private RunMembership(NpgsqlDataSource dataSource, NpgsqlConnection connection, RunRecord run, bool created, bool alreadyComplete)
    {
        this.dataSource = dataSource;
        this.connection = connection;
        Run = run;
        Created = created;
        AlreadyComplete = alreadyComplete;
    }

    public RunRecord Run { get; }

    /// <summary>Whether this worker created the run (and fixed its segments).</summary>
    public bool Created { get; }

    /// <summary>The named run had completed before this worker came: there is nothing left to do.</summary>
    public bool AlreadyComplete { get; }

    public static async Task<RunMembership> JoinAsync(NpgsqlDataSource dataSource, BackfillOptions options, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockClass}, 0)", cancellationToken);
            var journal = new RunJournal(dataSource, connection);
            var named = options.RunName is { } name ? await journal.FindNamedAsync(name, cancellationToken) : null;
            if (named is { Status: RunStatus.Completed })
            {
                await transaction.CommitAsync(cancellationToken);
                return new RunMembership(dataSource, connection, named, created: false, alreadyComplete: true);
            }

            if (await LiveRunAsync(connection, named?.Id, cancellationToken) is { } live)
            {
                throw new BackfillException(options.RunName is null
                    ? $"another backfill is running on this database (run {live}); wait for it or stop it first"
                    : $"another backfill is running on this database (run {live}); run '{options.RunName}' can start once it ends");
            }

            var run = named ?? (options.RunName is null ? await journal.FindResumableAsync(options.Collections, cancellationToken) : null);
            var created = run is null;
            if (run is null)
            {
                run = await journal.StartAsync(
                    options.RunName, options.Collections, PointIdSegments.Split(options.SegmentCount), options.ToJson(), PatternScorer.Version, cancellationToken);
            }
            else if (run.Status != RunStatus.Running)
            {
                await journal.MarkRunningAsync(run.Id, cancellationToken);
            }

            await ExecuteAsync(connection, $"SELECT pg_advisory_lock_shared({LockClass}, {run.LockKey})", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RunMembership(dataSource, connection, run, created, alreadyComplete: false);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Takes the run's lock again when its connection was lost (PostgreSQL restarted, say), so the run still shows as
    /// live; the leases, not this lock, keep the segments' writes exactly once.
    /// </summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        await connectionInUse.WaitAsync(cancellationToken);
        try
        {
            await HoldUnlockedAsync(cancellationToken);
        }
        finally
        {
            connectionInUse.Release();
        }
    }

    private async Task HoldUnlockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(connection, "SELECT 1", cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            var renewed = await dataSource.OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(renewed, $"SELECT pg_advisory_lock_shared({LockClass}, {Run.LockKey})", cancellationToken);
            var lost = connection;
            connection = renewed;
            await lost.DisposeAsync();
        }
    }

    /// <summary>How many workers hold the run's lock now, this one included.</summary>
    public async Task<long> WorkersAsync(CancellationToken cancellationToken)
    {
        await connectionInUse.WaitAsync(cancellationToken);
        try
        {
            await HoldUnlockedAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND classid = {LockClass}::oid AND objid = {Run.LockKey}::oid AND objsubid = 2
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            connectionInUse.Release();
        }
    }

    /// <summary>Closing the connection releases the lock: a worker killed outright releases it as PostgreSQL notices.</summary>
    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        connectionInUse.Dispose();
    }

    /// <returns>"name (id)" or the id of a run other than <paramref name="except"/> whose workers hold its lock.</returns>
    private static async Task<string?> LiveRunAsync(NpgsqlConnection connection, Guid? except, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(r.name || ' (' || r.id || ')', r.id::text) FROM {SchemaNames.BackfillRuns} r
            WHERE r.id IS DISTINCT FROM $1 AND EXISTS (
                SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {LockClass}::oid AND l.objid = r.lock_key::oid AND l.objsubid = 2
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            ORDER BY r.started_at DESC LIMIT 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)except ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
