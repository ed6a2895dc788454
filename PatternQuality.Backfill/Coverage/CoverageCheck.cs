using System.Text.Json;
using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Coverage;

/// <summary>
/// Measures how much of Qdrant is scored and records it in the journal (<see cref="SchemaNames.Coverage"/>), in one
/// transaction with the id-only scan it compares against: a check that cannot reach Qdrant records nothing.
/// </summary>
public sealed class CoverageCheck(QdrantPatterns qdrant, NpgsqlDataSource dataSource)
{
    private static readonly string PointCounts = $"""
        SELECT p.collection, count(*),
               count(m.pattern_id) FILTER (WHERE m.version = @version),
               count(m.pattern_id) FILTER (WHERE m.version <> @version),
               count(*) FILTER (WHERE m.pattern_id IS NULL)
        FROM {QdrantPointSet.Table} p LEFT JOIN {SchemaNames.QualityMetrics} m USING (pattern_id)
        GROUP BY p.collection
        """;

    /// <summary>The orphan scores: a score whose pattern is among none of the points, by the collection it was scored from.</summary>
    public static readonly string OrphanCondition =
        $"NOT EXISTS (SELECT 1 FROM {QdrantPointSet.Table} p WHERE p.pattern_id = m.pattern_id)";

    private static readonly string OrphanCounts = $"""
        SELECT coalesce(m.metadata->>'collection', ''), count(*) FROM {SchemaNames.QualityMetrics} m
        WHERE {OrphanCondition} GROUP BY 1
        """;

    /// <returns>Whether the schema records coverage (migration 020).</returns>
    public async Task<bool> SchemaReadyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT to_regclass('{SchemaNames.Coverage}') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Measures the collections now and records the measurement, for <paramref name="runId"/> when a run just ended.</summary>
    public async Task<CoverageAnswer> MeasureAsync(IReadOnlyList<string> collections, Guid? runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await QdrantPointSet.LoadAsync(connection, qdrant, collections, cancellationToken);
        var coverage = await CountAsync(connection, collections, runId, cancellationToken);
        await RecordAsync(connection, coverage, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return coverage;
    }

    /// <summary>The counts against the points loaded on <paramref name="connection"/> (<see cref="QdrantPointSet"/>).</summary>
    public static async Task<CoverageAnswer> CountAsync(NpgsqlConnection connection, IReadOnlyList<string> collections, Guid? runId, CancellationToken cancellationToken)
    {
        var counts = collections.ToDictionary(c => c, c => new CollectionCoverage(c, 0, 0, 0, 0, 0), StringComparer.Ordinal);
        await using (var points = new NpgsqlCommand(PointCounts, connection))
        {
            points.Parameters.Add(new NpgsqlParameter<string>("version", PatternScorer.Version));
            await using var reader = await points.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = new CollectionCoverage(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), 0);
            }
        }

        await using (var orphans = new NpgsqlCommand(OrphanCounts, connection))
        {
            await using var reader = await orphans.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var collection = reader.GetString(0);
                counts[collection] = (counts.GetValueOrDefault(collection) ?? new CollectionCoverage(collection, 0, 0, 0, 0, 0)) with { Orphans = reader.GetInt64(1) };
            }
        }

        await using var now = new NpgsqlCommand("SELECT now()", connection);
        var measuredAt = (DateTimeOffset)(DateTime)(await now.ExecuteScalarAsync(cancellationToken))!;
        var all = counts.Values.ToList();
        return new CoverageAnswer(
            measuredAt, PatternScorer.Version, runId, all.Sum(c => c.Points), all.Sum(c => c.Scored), all.Sum(c => c.Outdated),
            all.Sum(c => c.Unscored), all.Sum(c => c.Orphans), all);
    }

    public static async Task RecordAsync(NpgsqlConnection connection, CoverageAnswer coverage, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {SchemaNames.Coverage} (measured_at, scorer_version, run_id, points, scored, outdated, unscored, orphans, collections)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = coverage.MeasuredAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = coverage.ScorerVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)coverage.RunId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        foreach (var count in new[] { coverage.Points, coverage.Scored, coverage.Outdated, coverage.Unscored, coverage.Orphans })
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
        }

        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(coverage.Collections.Select(c => new
        {
            collection = c.Collection, points = c.Points, scored = c.Scored, outdated = c.Outdated, unscored = c.Unscored, orphans = c.Orphans,
        })) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
