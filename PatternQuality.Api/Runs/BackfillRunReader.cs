using System.Text.Json;
using Npgsql;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Api.Runs;

/// <summary>The backfill's run journal (migrations 015 and 018), read for operators.</summary>
public sealed class BackfillRunReader(NpgsqlDataSource dataSource)
{
    private const string RunSql = $"""
        SELECT r.id, r.status, r.collections, r.started_at, r.heartbeat_at, r.finished_at, r.processed, r.stored, r.unchanged, r.rejected,
               r.rejected_by_reason::text, r.error,
               p.source_count, r.name, p.segments_done, p.segments_total
        FROM {SchemaNames.BackfillRuns} r JOIN {SchemaNames.BackfillRunProgress} p ON p.run_id = r.id
        """;

    public async Task<IReadOnlyList<BackfillRunView>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{RunSql} ORDER BY r.started_at DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadRunsAsync(command, cancellationToken);
    }

    public async Task<BackfillRunView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{RunSql} WHERE r.id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        var run = (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault();
        return run is null ? null : run with { Segments = await ReadSegmentsAsync(id, cancellationToken), Workers = await ReadWorkersAsync(id, cancellationToken) };
    }

    private static async Task<IReadOnlyList<BackfillRunView>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<BackfillRunView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long? source = reader.IsDBNull(12) ? null : reader.GetInt64(12);
            var processed = reader.GetInt64(6);
            runs.Add(new BackfillRunView(
                reader.GetGuid(0), reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                processed, reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), Json(reader.GetString(10)),
                source, source is > 0 ? Math.Min(1.0, (double)processed / source.Value) : null, reader.GetInt32(14), reader.GetInt32(15),
                reader.IsDBNull(11) ? null : reader.GetString(11), null, null));
        }

        return runs;
    }

    private async Task<IReadOnlyList<SegmentView>> ReadSegmentsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT collection, segment, status, source_count, batches, processed, stored, unchanged, rejected, rejected_by_reason::text, updated_at,
                   lease_owner, worker_index, lease_epoch, lease_expires_at, coalesce(status = '{SegmentStatus.Running}' AND lease_expires_at > now(), false)
            FROM {SchemaNames.BackfillRunCollections} WHERE run_id = $1 ORDER BY position, segment
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        var segments = new List<SegmentView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(new SegmentView(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt32(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), Json(reader.GetString(9)), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetInt32(12), reader.GetInt32(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.GetBoolean(15)));
        }

        return segments;
    }

    /// <summary>Every worker that wrote a batch of the run or holds one of its segments now, by name.</summary>
    private async Task<IReadOnlyList<RunWorkerView>> ReadWorkersAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH written AS (
                SELECT worker, count(*)::int AS batches, sum(processed)::bigint AS processed, sum(stored)::bigint AS stored, max(committed_at) AS last_batch_at
                FROM {SchemaNames.BackfillRunBatches} WHERE run_id = $1 GROUP BY worker
            ), held AS (
                SELECT lease_owner AS worker, max(worker_index) AS worker_index,
                       array_agg(collection ORDER BY position, segment) AS collections, array_agg(segment ORDER BY position, segment) AS segments,
                       array_agg(lease_epoch ORDER BY position, segment) AS epochs, array_agg(lease_expires_at ORDER BY position, segment) AS expiries
                FROM {SchemaNames.BackfillRunCollections}
                WHERE run_id = $1 AND status = '{SegmentStatus.Running}' AND lease_expires_at > now() GROUP BY lease_owner
            )
            SELECT worker, h.worker_index, coalesce(w.batches, 0), coalesce(w.processed, 0), coalesce(w.stored, 0), w.last_batch_at,
                   h.collections, h.segments, h.epochs, h.expiries
            FROM written w FULL JOIN held h USING (worker) ORDER BY h.worker_index NULLS LAST, worker
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        var workers = new List<RunWorkerView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var holding = new List<HeldSegmentView>();
            if (!reader.IsDBNull(6))
            {
                var (collections, segments, epochs, expiries) = (reader.GetFieldValue<string[]>(6), reader.GetFieldValue<int[]>(7),
                    reader.GetFieldValue<int[]>(8), reader.GetFieldValue<DateTimeOffset[]>(9));
                holding.AddRange(collections.Select((collection, i) => new HeldSegmentView(collection, segments[i], epochs[i], expiries[i])));
            }

            workers.Add(new RunWorkerView(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), holding));
        }

        return workers;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
