using Npgsql;
using NpgsqlTypes;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// A journaled batch of new scores written by binary COPY, in one transaction: the segment's row locked and checked
/// (the lease holds the writer's epoch, exactly <see cref="ScoredBatch.SequenceNumber"/> batches recorded), the rows
/// copied, then the journal's side of <see cref="ScoreBatchWriter"/>. The lock held to the commit orders it against any
/// other writer of the segment as the one-statement upsert's does. COPY inserts only: when a pattern already has a
/// score, PostgreSQL refuses the whole COPY with nothing written, and the caller upserts the batch instead.
/// </summary>
public static class ScoreBatchCopy
{
    private const string Copy = $"""
        COPY {SchemaNames.QualityMetrics} (pattern_id, quality_score, confidence, version, metadata) FROM STDIN (FORMAT BINARY)
        """;

    private const string RecordSql = $$"""
        WITH counts AS (SELECT @stored::bigint AS offered, @stored::bigint AS accepted, @stored::bigint AS stored, true AS applies),
        {{ScoreBatchWriter.Record}}
        SELECT (SELECT count(*) FROM collection_progress) + (SELECT count(*) FROM run_progress) + (SELECT count(*) FROM batch_record)
        """;

    /// <returns>What the database did, or null when some of the batch's patterns already have scores.</returns>
    public static async Task<BatchOutcome?> TryWriteAsync(
        NpgsqlDataSource dataSource, JournaledWrite write, ScoredBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (expected, leaseHeld) = await LockSegmentAsync(connection, write, batch, cancellationToken);
        if (!expected)
        {
            return new BatchOutcome(Applied: false, Stored: 0, Unchanged: 0, ForeignKeyRejected: 0, LeaseHeld: leaseHeld);
        }

        try
        {
            await CopyRowsAsync(connection, batch.Rows, cancellationToken);
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }

        await using (var record = new NpgsqlCommand(RecordSql, connection))
        {
            ScoreBatchWriter.AddJournalParameters(record, write, batch);
            record.Parameters.Add(new NpgsqlParameter<long>("stored", batch.Rows.Count));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchOutcome(Applied: true, Stored: batch.Rows.Count, Unchanged: 0, ForeignKeyRejected: 0, LeaseHeld: true);
    }

    private static async Task<(bool Expected, bool LeaseHeld)> LockSegmentAsync(
        NpgsqlConnection connection, JournaledWrite write, ScoredBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ScoreBatchWriter.SegmentRow, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", write.RunId));
        command.Parameters.Add(new NpgsqlParameter<int>("epoch", write.Epoch));
        command.Parameters.Add(new NpgsqlParameter<string>("collection", batch.Collection));
        command.Parameters.Add(new NpgsqlParameter<int>("segment", batch.Segment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(1))
        {
            return (false, false);
        }

        return (reader.GetInt32(0) == batch.SequenceNumber, true);
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, IReadOnlyList<ScoredPattern> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.PatternId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.QualityScore, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(row.Confidence, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(PatternScorer.Version, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.MetadataJson, NpgsqlDbType.Jsonb, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
