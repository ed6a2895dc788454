using System.Text.Json;
using Npgsql;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;
using PatternQuality.Backfill.Qdrant;

namespace PatternQuality.Backfill.Runs;

/// <summary>A segment of a collection in a run, as the journal records it.</summary>
public sealed record CollectionProgress(
    string Collection, int Segment, PointIdRange Range, string Status, string? CheckpointJson, int Batches, long Processed);

/// <summary>A run as the journal records it; <paramref name="LockKey"/> keys the advisory lock its workers share.</summary>
public sealed record RunRecord(
    Guid Id, string? Name, string Status, DateTimeOffset StartedAt, int LockKey, IReadOnlyList<CollectionProgress> Collections);

/// <summary>
/// The backfill_runs and backfill_run_collections tables (migrations 015 and 018), through the data source or, for
/// statements that must share a transaction, one connection (<see cref="On"/>).
/// </summary>
public sealed class RunJournal(NpgsqlDataSource dataSource, NpgsqlConnection? connection = null)
{
    // Any constant works as long as every backfill of this database uses the same one.
    private const long BackfillLockKey = 0x5051_BAC0_0015;

    /// <returns>Whether the run journal exists (migration 015); without it a run cannot be resumed.</returns>
    public async Task<bool> CheckSchemaAsync(CancellationToken cancellationToken)
    {
        if (!await ScalarAsync<bool>($"SELECT to_regclass('{SchemaNames.QualityMetrics}') IS NOT NULL", cancellationToken))
        {
            throw new BackfillException($"the database has no {SchemaNames.QualityMetrics} table: run the migrator's `up` first");
        }

        if (!await ScalarAsync<bool>($"SELECT to_regclass('{SchemaNames.BackfillRuns}') IS NOT NULL", cancellationToken))
        {
            return false;
        }

        if (!await ScalarAsync<bool>($"SELECT to_regclass('{SchemaNames.BackfillRunBatches}') IS NOT NULL", cancellationToken))
        {
            throw new BackfillException("the run journal is from before migration 018 (workers sharing a run): run the migrator's `up` first");
        }

        return await ScalarAsync<bool>($"SELECT to_regclass('{SchemaNames.BackfillRunProgress}') IS NOT NULL", cancellationToken)
            ? true
            : throw new BackfillException("the run journal is from before migration 019 (the runs' progress): run the migrator's `up` first");
    }

    public RunJournal On(NpgsqlConnection shared) => new(dataSource, shared);

    /// <summary>One backfill at a time per database; the lock lives as long as the returned connection.</summary>
    public async Task<NpgsqlConnection> LockAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({BackfillLockKey})", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            await connection.DisposeAsync();
            throw new BackfillException("another backfill is running on this database; wait for it or stop it first");
        }

        return connection;
    }

    /// <summary>Whether scores still need a lineage node (the schema before migration 013).</summary>
    public async Task<bool> LineageForeignKeyPresentAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<long>(LineageForeignKey.CountSql, cancellationToken) > 0;

    /// <summary>The newest unfinished unnamed run over the same collections: killed, failed or stopped at its limit.</summary>
    public async Task<RunRecord?> FindResumableAsync(IReadOnlyList<string> collections, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand($"""
            SELECT id FROM {SchemaNames.BackfillRuns}
            WHERE status IN ('{RunStatus.Running}', '{RunStatus.Failed}', '{RunStatus.Partial}') AND collections = @collections AND name IS NULL
            ORDER BY started_at DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("collections", collections.ToArray()));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? await ReadAsync(id, cancellationToken) : null;
    }

    public async Task<RunRecord?> FindNamedAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand($"SELECT id FROM {SchemaNames.BackfillRuns} WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? await ReadAsync(id, cancellationToken) : null;
    }

    public async Task<RunRecord> StartAsync(
        string? name, IReadOnlyList<string> collections, IReadOnlyList<PointIdRange> segments, string optionsJson, string scorerVersion, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var batch = connection is null ? dataSource.CreateBatch() : new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO {SchemaNames.BackfillRuns} (id, name, segments, status, collections, options, scorer_version)
            VALUES ($1, $2, $3, '{RunStatus.Running}', $4, $5::jsonb, $6)
            """)
        {
            Parameters =
            {
                new() { Value = id }, new() { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }, new() { Value = segments.Count },
                new() { Value = collections.ToArray() }, new() { Value = optionsJson }, new() { Value = scorerVersion },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO {SchemaNames.BackfillRunCollections} (run_id, position, collection, segment, segment_start, segment_end)
            SELECT $1, c.ordinality, c.name, s.ordinality - 1, s.first, s.last
            FROM unnest($2::text[]) WITH ORDINALITY AS c(name, ordinality)
            CROSS JOIN unnest($3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS s(first, last, ordinality)
            """)
        {
            Parameters =
            {
                new() { Value = id },
                new() { Value = collections.ToArray() },
                new() { Value = segments.Select(s => (object?)s.StartJson ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
                new() { Value = segments.Select(s => (object?)s.EndJson ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return await ReadAsync(id, cancellationToken);
    }

    public async Task<RunRecord> ReadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand($"""
            SELECT r.status, r.started_at, c.collection, c.status, c.checkpoint::text, c.batches, c.processed,
                   c.segment, c.segment_start::text, c.segment_end::text, r.name, r.lock_key
            FROM {SchemaNames.BackfillRuns} r JOIN {SchemaNames.BackfillRunCollections} c ON c.run_id = r.id
            WHERE r.id = $1 ORDER BY c.position, c.segment
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? status = null;
        string? name = null;
        var lockKey = 0;
        var startedAt = default(DateTimeOffset);
        var collections = new List<CollectionProgress>();
        while (await reader.ReadAsync(cancellationToken))
        {
            status = reader.GetString(0);
            startedAt = reader.GetFieldValue<DateTimeOffset>(1);
            name = reader.IsDBNull(10) ? null : reader.GetString(10);
            lockKey = reader.GetInt32(11);
            collections.Add(new CollectionProgress(
                reader.GetString(2), reader.GetInt32(7),
                new PointIdRange(reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetInt64(6)));
        }

        return new RunRecord(runId, name, status ?? throw new BackfillException($"run {runId} is not in the journal"), startedAt, lockKey, collections);
    }

    public Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {SchemaNames.BackfillRuns} SET status = '{RunStatus.Running}', error = NULL, finished_at = NULL, heartbeat_at = now() WHERE id = $1",
            cancellationToken, runId);

    public Task MarkCollectionAsync(Guid runId, string collection, string status, long? sourceCount, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE {SchemaNames.BackfillRunCollections} SET status = $3, source_count = coalesce($4, source_count), updated_at = now()
            WHERE run_id = $1 AND collection = $2 AND status <> '{SegmentStatus.Completed}'
            """, cancellationToken, runId, collection, status, (object?)sourceCount ?? DBNull.Value);

    public Task FinishAsync(Guid runId, string status, string? error, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {SchemaNames.BackfillRuns} SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1",
            cancellationToken, runId, status, (object?)error ?? DBNull.Value);

    public async Task<RunTotals> ReadTotalsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand($"""
            SELECT processed, stored, unchanged, rejected, rejected_by_reason::text, score_totals::text, started_at
            FROM {SchemaNames.BackfillRuns} WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        using var reasons = JsonDocument.Parse(reader.GetString(4));
        using var totals = JsonDocument.Parse(reader.GetString(5));
        return new RunTotals(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reasons.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (long)p.Value.GetDecimal()),
            ScoreTotals.FromJson(totals.RootElement));
    }

    private NpgsqlCommand CreateCommand(string sql) => connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection);

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A run's counters as the journal holds them, across every resumption.</summary>
public sealed record RunTotals(
    long Processed, long Stored, long Unchanged, long Rejected, IReadOnlyDictionary<string, long> RejectedByReason, ScoreTotals Scores);
