using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>A segment claimed by this worker under <paramref name="Epoch"/>, with where it resumes from.</summary>
public sealed record SegmentClaim(CollectionProgress Segment, int Epoch);

/// <summary>
/// Claims segments of a run: an unclaimed one first (in order from the worker's first segment, so workers given
/// different indexes start apart), then any whose lease expired. A claim raises the segment's epoch, which
/// fences off the worker that held it before.
/// </summary>
public sealed class SegmentClaims(NpgsqlDataSource dataSource, Guid runId, WorkerIdentity worker, TimeSpan lease)
{
    public async Task<SegmentClaim?> ClaimAsync(int first, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH numbered AS (
                SELECT collection, segment, lease_owner,
                       row_number() OVER (ORDER BY position, segment) - 1 AS ordinal, count(*) OVER () AS total
                FROM {SchemaNames.BackfillRunCollections} WHERE run_id = @run
            ), candidate AS (
                SELECT c.collection, c.segment FROM {SchemaNames.BackfillRunCollections} c
                JOIN numbered n USING (collection, segment)
                WHERE c.run_id = @run AND c.status IN ('{SegmentStatus.Pending}', '{SegmentStatus.Running}') AND (c.lease_expires_at IS NULL OR c.lease_expires_at <= now())
                ORDER BY c.lease_owner IS NOT NULL, ((n.ordinal - @first) % n.total + n.total) % n.total
                LIMIT 1
                FOR UPDATE OF c SKIP LOCKED
            )
            UPDATE {SchemaNames.BackfillRunCollections} c
            SET lease_owner = @worker, worker_index = @index, lease_epoch = c.lease_epoch + 1,
                lease_expires_at = now() + @lease, status = '{SegmentStatus.Running}', updated_at = now()
            FROM candidate
            WHERE c.run_id = @run AND c.collection = candidate.collection AND c.segment = candidate.segment
            RETURNING c.collection, c.segment, c.segment_start::text, c.segment_end::text, c.checkpoint::text, c.batches, c.processed, c.lease_epoch
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", runId));
        command.Parameters.Add(new NpgsqlParameter<long>("first", first));
        command.Parameters.Add(new NpgsqlParameter<string>("worker", worker.Name));
        command.Parameters.Add(new NpgsqlParameter("index", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)worker.Index ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", lease));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var range = new PointIdRange(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        var segment = new CollectionProgress(
            reader.GetString(0), reader.GetInt32(1), range, SegmentStatus.Running, reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetInt64(6));
        return new SegmentClaim(segment, reader.GetInt32(7));
    }

    /// <summary>Lets another worker claim the segment at once (this one stops before its end).</summary>
    public async Task ReleaseAsync(SegmentClaim claim, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {SchemaNames.BackfillRunCollections} SET lease_expires_at = now(), updated_at = now()
            WHERE run_id = $1 AND collection = $2 AND segment = $3 AND lease_epoch = $4 AND status <> '{SegmentStatus.Completed}'
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = claim.Segment.Collection });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim.Segment.Segment });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim.Epoch });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>
    /// Whether every segment of the run is done, and whether this call marked the run completed: the first worker to see
    /// it done does, exactly one.
    /// </returns>
    public async Task<(bool Done, bool EndedHere)> CompleteRunAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH undone AS (
                SELECT segments_total - segments_done AS segments FROM {SchemaNames.BackfillRunProgress} WHERE run_id = $1
            ), finished AS (
                UPDATE {SchemaNames.BackfillRuns} SET status = '{RunStatus.Completed}', error = NULL, finished_at = now(), heartbeat_at = now()
                FROM undone WHERE id = $1 AND undone.segments = 0 AND status <> '{RunStatus.Completed}'
                RETURNING 1
            )
            SELECT undone.segments = 0, EXISTS (SELECT 1 FROM finished) FROM undone
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }
}
