using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Coverage;

/// <summary>
/// Deletes the orphan scores (whose pattern is in none of the collections) as 013's rollback deletes scores: in one
/// transaction, only when exactly the confirmed number is found, each deleted row kept in the archive with the prune
/// that removed it, and the coverage after it recorded. <see cref="UndoAsync"/> puts a prune's rows back.
/// </summary>
public sealed class OrphanPrune(QdrantPatterns qdrant, NpgsqlDataSource dataSource)
{
    private const string Columns = "id, pattern_id, quality_score, confidence, measurement_timestamp, version, metadata, created_at, updated_at";

    public async Task<(PruneAnswer Prune, CoverageAnswer Coverage)> PruneAsync(IReadOnlyList<string> collections, long expected, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await QdrantPointSet.LoadAsync(connection, qdrant, collections, cancellationToken);

        // Writers wait from here to the commit, so the orphans counted are the orphans deleted.
        await ExecuteAsync(connection, $"LOCK TABLE {SchemaNames.QualityMetrics} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var found = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {SchemaNames.QualityMetrics} m WHERE {CoverageCheck.OrphanCondition}", cancellationToken);
        if (found != expected)
        {
            throw new PruneRefusedException(
                $"{found} orphan score(s) found, not the {expected} confirmed: nothing was deleted; check why, and confirm {found} to delete them", found, expected);
        }

        var pruneId = await ScalarAsync<long>(connection, $"INSERT INTO {SchemaNames.Prunes} (deleted) VALUES ({found}) RETURNING id", cancellationToken);
        await ExecuteAsync(connection, $"""
            WITH gone AS (DELETE FROM {SchemaNames.QualityMetrics} m WHERE {CoverageCheck.OrphanCondition} RETURNING {Columns})
            INSERT INTO {SchemaNames.PrunedScores} (prune_id, {Columns}) SELECT {pruneId}, {Columns} FROM gone
            """, cancellationToken);
        var coverage = await CoverageCheck.CountAsync(connection, collections, null, cancellationToken);
        await CoverageCheck.RecordAsync(connection, coverage, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new PruneAnswer(pruneId, PruneAction.Deleted, found), coverage);
    }

    /// <summary>Puts prune <paramref name="pruneId"/>'s rows back, all or none: refused once undone, or when any of its patterns was scored again since.</summary>
    public async Task<PruneAnswer> UndoAsync(long pruneId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"LOCK TABLE {SchemaNames.QualityMetrics} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        await using (var prune = new NpgsqlCommand($"SELECT undone_at IS NOT NULL FROM {SchemaNames.Prunes} WHERE id = {pruneId} FOR UPDATE", connection))
        {
            switch (await prune.ExecuteScalarAsync(cancellationToken))
            {
                case null:
                    throw new BackfillException($"there is no prune {pruneId}");
                case true:
                    throw new PruneRefusedException($"prune {pruneId} was undone already; nothing changed", null, null);
            }
        }

        var rescored = await ScalarAsync<long>(connection, $"""
            SELECT count(*) FROM {SchemaNames.PrunedScores} s
            WHERE s.prune_id = {pruneId} AND EXISTS (SELECT 1 FROM {SchemaNames.QualityMetrics} m WHERE m.pattern_id = s.pattern_id)
            """, cancellationToken);
        if (rescored > 0)
        {
            throw new PruneRefusedException(
                $"{rescored} of prune {pruneId}'s patterns have been scored again since: their scores stand, so nothing was put back", null, null);
        }

        var restored = await ScalarAsync<long>(connection, $"""
            WITH back AS (
                INSERT INTO {SchemaNames.QualityMetrics} ({Columns}) SELECT {Columns} FROM {SchemaNames.PrunedScores} WHERE prune_id = {pruneId} RETURNING 1
            ), marked AS (UPDATE {SchemaNames.Prunes} SET undone_at = now() WHERE id = {pruneId} RETURNING 1)
            SELECT count(*) FROM back
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PruneAnswer(pruneId, PruneAction.Undone, restored);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
