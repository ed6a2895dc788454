using System.Text.Json;
using Npgsql;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Api.Runs;

public sealed record SegmentView(
    string Collection, int Segment, string Status, long? SourceCount, int Batches, long Processed, long Stored, long Unchanged, long Rejected,
    JsonElement RejectedByReason, DateTimeOffset UpdatedAt);

public sealed record BackfillRunView(
    Guid Id, string Status, IReadOnlyList<string> Collections, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, DateTimeOffset? FinishedAt,
    long Processed, long Stored, long Unchanged, long Rejected, JsonElement RejectedByReason, long? SourceCount, double? Progress, string? Error,
    IReadOnlyList<SegmentView>? Segments);

/// <summary>The backfill's run journal (migration 015), read for operators.</summary>
public sealed class BackfillRunReader(NpgsqlDataSource dataSource)
{
    private const string RunSql = $"""
        SELECT r.id, r.status, r.collections, r.started_at, r.heartbeat_at, r.finished_at, r.processed, r.stored, r.unchanged, r.rejected,
               r.rejected_by_reason::text, r.error,
               (SELECT sum(s.source_count) FROM (SELECT DISTINCT ON (collection) collection, source_count FROM {SchemaNames.BackfillRunCollections} c
                                                 WHERE c.run_id = r.id AND source_count IS NOT NULL) s)::bigint
        FROM {SchemaNames.BackfillRuns} r
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
        return run is null ? null : run with { Segments = await ReadSegmentsAsync(id, cancellationToken) };
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
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                processed, reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), Json(reader.GetString(10)),
                source, source is > 0 ? Math.Min(1.0, (double)processed / source.Value) : null, reader.IsDBNull(11) ? null : reader.GetString(11), null));
        }

        return runs;
    }

    private async Task<IReadOnlyList<SegmentView>> ReadSegmentsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT collection, segment, status, source_count, batches, processed, stored, unchanged, rejected, rejected_by_reason::text, updated_at
            FROM {SchemaNames.BackfillRunCollections} WHERE run_id = $1 ORDER BY position, segment
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        var segments = new List<SegmentView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(new SegmentView(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt32(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), Json(reader.GetString(9)), reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return segments;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
