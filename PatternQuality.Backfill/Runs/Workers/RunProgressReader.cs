using Npgsql;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// A run's progress across its workers, from the journal: segments done, the run's counters, the rate of the
/// batches committed in the last <see cref="RateWindowSeconds"/> seconds (by any worker) and the live leases.
/// </summary>
public sealed class RunProgressReader(NpgsqlDataSource dataSource, Guid runId)
{
    private const int RateWindowSeconds = 10;

    public async Task<RunProgressAnswer> ReadAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            WITH bounds AS (
                SELECT coalesce(finished_at, now()) AS until, started_at FROM {SchemaNames.BackfillRuns} WHERE id = $1
            )
            SELECT r.name, r.processed, r.stored, r.unchanged, r.rejected, p.segments_done, p.segments_total, p.source_count,
                   (SELECT coalesce(sum(b.processed), 0) FROM {SchemaNames.BackfillRunBatches} b
                    WHERE b.run_id = r.id AND b.committed_at > bounds.until - interval '{RateWindowSeconds} seconds'),
                   least({RateWindowSeconds}, extract(epoch FROM bounds.until - bounds.started_at))::float8
            FROM {SchemaNames.BackfillRuns} r JOIN {SchemaNames.BackfillRunProgress} p ON p.run_id = r.id, bounds WHERE r.id = $1
            """) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = runId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT lease_owner, worker_index, collection, segment, lease_epoch, lease_expires_at FROM {SchemaNames.BackfillRunCollections}
            WHERE run_id = $1 AND status = '{SegmentStatus.Running}' AND lease_expires_at > now()
            ORDER BY worker_index NULLS LAST, lease_owner, position, segment
            """) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = runId } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new BackfillException($"run {runId} is not in the journal");
        }

        var name = reader.IsDBNull(0) ? null : reader.GetString(0);
        var (processed, stored, unchanged, rejected) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        var (segmentsDone, segmentsTotal) = (reader.GetInt32(5), reader.GetInt32(6));
        long? total = reader.IsDBNull(7) ? null : reader.GetInt64(7);
        var recent = (double)reader.GetDecimal(8);
        var window = reader.GetDouble(9);
        await reader.NextResultAsync(cancellationToken);
        var workers = new List<WorkerSegment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            workers.Add(new WorkerSegment(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return new RunProgressAnswer(
            runId, name, segmentsDone, segmentsTotal, processed, total, stored, unchanged, rejected, recent / Math.Max(window, 1e-3), workers);
    }
}
