using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Writes a batch in one statement, one round trip, one implicit transaction: the upsert of
/// its scores, the segment's checkpoint, the run's counters and the batch's journal row. The
/// statement locks the segment's row and applies only while the segment's lease holds the
/// writer's epoch (no later claim raised it; an expired lease nobody claimed still holds) and the segment has exactly <see cref="ScoredBatch.SequenceNumber"/> batches
/// recorded: a retry after an ambiguous commit (connection lost during COMMIT) is a no-op, and a
/// worker whose lease another took over writes nothing. Each applied batch renews the lease.
/// Rows are written only when new or changed, so a re-run stores nothing twice. Without a
/// journal (a schema before migration 015) only the scores are written. New scores in a journaled
/// run are written by <see cref="ScoreBatchCopy"/> instead, until a batch meets stored ones.
/// </summary>
public static class ScoreBatchWriter
{
    // The upsert shared by both forms: rows of the batch, those the schema accepts, those written.
    private const string Upsert = $"""
        accepted AS (
            SELECT i.* FROM input i
            WHERE NOT @lineage_required OR EXISTS (SELECT 1 FROM {SchemaNames.LineageNodes} n WHERE n.id = i.pattern_id)
        ), written AS (
            INSERT INTO {SchemaNames.QualityMetrics} AS m (pattern_id, quality_score, confidence, measurement_timestamp, version, metadata)
            SELECT pattern_id, quality_score, confidence, now(), @version, metadata FROM accepted
            ON CONFLICT (pattern_id) DO UPDATE
                SET quality_score = excluded.quality_score, confidence = excluded.confidence,
                    measurement_timestamp = excluded.measurement_timestamp, version = excluded.version,
                    metadata = excluded.metadata, updated_at = now()
                WHERE (m.quality_score, m.confidence, m.version, m.metadata)
                      IS DISTINCT FROM (excluded.quality_score, excluded.confidence, excluded.version, excluded.metadata)
            RETURNING 1
        )
        """;

    private const string Input = "SELECT u.* FROM unnest(@ids, @scores, @confidences, @metadata) AS u(pattern_id, quality_score, confidence, metadata)";

    /// <summary>The segment's row, locked until the batch commits: how many batches it has recorded and whether its lease holds the writer's epoch.</summary>
    internal const string SegmentRow = $"""
        SELECT batches, lease_epoch = @epoch AS lease_held
        FROM {SchemaNames.BackfillRunCollections}
        WHERE run_id = @run AND collection = @collection AND segment = @segment
        FOR UPDATE
        """;

    private const string JournaledSql = $$"""
        WITH segment_row AS ({{SegmentRow}}), expected AS (
            SELECT 1 FROM segment_row WHERE lease_held AND batches = @sequence
        ), input AS (
            {{Input}} WHERE EXISTS (SELECT 1 FROM expected)
        ), {{Upsert}}, counts AS (
            SELECT (SELECT count(*) FROM input) AS offered,
                   (SELECT count(*) FROM accepted) AS accepted,
                   (SELECT count(*) FROM written) AS stored,
                   EXISTS (SELECT 1 FROM expected) AS applies
        ), {{Record}}
        SELECT counts.applies, counts.stored, counts.accepted - counts.stored, counts.offered - counts.accepted,
               coalesce((SELECT lease_held FROM segment_row), false),
               (SELECT count(*) FROM collection_progress) + (SELECT count(*) FROM run_progress) + (SELECT count(*) FROM batch_record)
        FROM counts
        """;

    /// <summary>
    /// The journal's side of a batch, given <c>counts</c> (offered, accepted, stored, applies): the segment's checkpoint and
    /// counters with its lease renewed, the run's counters, and the batch's row.
    /// </summary>
    internal const string Record = $"""
        reasons AS (
            SELECT @rejections::jsonb || jsonb_build_object('foreign_key_violation', counts.offered - counts.accepted) AS batch
            FROM counts
        ), collection_progress AS (
            UPDATE {SchemaNames.BackfillRunCollections} c
            SET checkpoint = @checkpoint, status = @collection_status, batches = c.batches + 1,
                processed = c.processed + @processed, stored = c.stored + counts.stored,
                unchanged = c.unchanged + counts.accepted - counts.stored,
                rejected = c.rejected + @rejected + counts.offered - counts.accepted,
                rejected_by_reason = pattern_quality_add_counts(c.rejected_by_reason, reasons.batch),
                lease_expires_at = CASE WHEN @collection_status = '{SegmentStatus.Completed}' THEN now() ELSE now() + @lease END,
                updated_at = now()
            FROM counts, reasons
            WHERE counts.applies AND c.run_id = @run AND c.collection = @collection AND c.segment = @segment
            RETURNING 1
        ), run_progress AS (
            UPDATE {SchemaNames.BackfillRuns} r
            SET processed = r.processed + @processed, stored = r.stored + counts.stored,
                unchanged = r.unchanged + counts.accepted - counts.stored,
                rejected = r.rejected + @rejected + counts.offered - counts.accepted,
                rejected_by_reason = pattern_quality_add_counts(r.rejected_by_reason, reasons.batch),
                score_totals = pattern_quality_add_counts(r.score_totals, @totals::jsonb),
                heartbeat_at = now()
            FROM counts, reasons
            WHERE counts.applies AND r.id = @run
            RETURNING 1
        ), batch_record AS (
            INSERT INTO {SchemaNames.BackfillRunBatches} (run_id, collection, segment, sequence, epoch, worker, processed, stored)
            SELECT @run, @collection, @segment, @sequence, @epoch, @worker, @processed, counts.stored
            FROM counts WHERE counts.applies
            RETURNING 1
        )
        """;

    /// <summary>For a schema without the run journal (before migration 015): the scores only, no checkpoint.</summary>
    private const string UnjournaledSql = $$"""
        WITH input AS ({{Input}}), {{Upsert}}
        SELECT true, (SELECT count(*) FROM written), (SELECT count(*) FROM accepted) - (SELECT count(*) FROM written),
               (SELECT count(*) FROM input) - (SELECT count(*) FROM accepted), true
        """;

    /// <summary>A batch of a run in the journal, in one statement with the journal's side of it (<see cref="Record"/>).</summary>
    public static Task<BatchOutcome> WriteJournaledAsync(ScoreDatabase database, JournaledWrite write, ScoredBatch batch, CancellationToken cancellationToken) =>
        ExecuteAsync(database, JournaledSql, batch, command => AddJournalParameters(command, write, batch), cancellationToken);

    /// <summary>The scores alone, for a schema without the run journal.</summary>
    public static Task<BatchOutcome> UpsertAsync(ScoreDatabase database, ScoredBatch batch, CancellationToken cancellationToken) =>
        ExecuteAsync(database, UnjournaledSql, batch, _ => { }, cancellationToken);

    private static async Task<BatchOutcome> ExecuteAsync(
        ScoreDatabase database, string sql, ScoredBatch batch, Action<NpgsqlCommand> addParameters, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        var rows = batch.Rows;
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", rows.Select(r => r.PatternId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double[]>("scores", rows.Select(r => r.QualityScore).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double[]>("confidences", rows.Select(r => r.Confidence).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("metadata", rows.Select(r => r.MetadataJson).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter<bool>("lineage_required", database.LineageRequired));
        command.Parameters.Add(new NpgsqlParameter<string>("version", PatternScorer.Version));
        addParameters(command);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BatchOutcome(reader.GetBoolean(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4));
    }

    /// <summary>The parameters of <see cref="Record"/>: the run, the segment, the batch and its counts from before the database.</summary>
    internal static void AddJournalParameters(NpgsqlCommand command, JournaledWrite write, ScoredBatch batch)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", write.RunId));
        command.Parameters.Add(new NpgsqlParameter<int>("epoch", write.Epoch));
        command.Parameters.Add(new NpgsqlParameter<string>("worker", write.Worker));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", write.Lease));
        command.Parameters.Add(new NpgsqlParameter<string>("collection", batch.Collection));
        command.Parameters.Add(new NpgsqlParameter<int>("segment", batch.Segment));
        command.Parameters.Add(new NpgsqlParameter<int>("sequence", batch.SequenceNumber));
        command.Parameters.Add(new NpgsqlParameter("checkpoint", NpgsqlDbType.Jsonb) { Value = (object?)batch.NextOffsetJson ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("collection_status", batch.IsLastPage ? SegmentStatus.Completed : SegmentStatus.Running));
        command.Parameters.Add(new NpgsqlParameter<long>("processed", batch.Processed));
        command.Parameters.Add(new NpgsqlParameter<long>("rejected", batch.Rejections.Values.Sum()));
        command.Parameters.Add(new NpgsqlParameter<string>("rejections", JsonSerializer.Serialize(batch.Rejections)));
        command.Parameters.Add(new NpgsqlParameter<string>("totals", batch.Totals.ToJson()));
    }
}

/// <summary>A batch written into a run's journal by <paramref name="Worker"/> under the segment's lease of <paramref name="Epoch"/>, renewed for <paramref name="Lease"/>.</summary>
public readonly record struct JournaledWrite(Guid RunId, int Epoch, string Worker, TimeSpan Lease);
