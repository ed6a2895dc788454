using System.Globalization;
using Npgsql;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Migrator;

/// <summary>
/// The checks an operator runs after migration 013: no foreign key left from
/// pattern_quality_metrics to pattern_lineage_nodes, the unique key writers upsert on, the row
/// count and how the scores spread over the quality bands.
/// </summary>
public sealed class OperatorChecks(NpgsqlDataSource dataSource, TextWriter output)
{
    /// <returns>The checks' results; <see cref="VerifyAnswer.Passed"/> says whether all hold.</returns>
    public async Task<VerifyAnswer> VerifyAsync(long? expectedRows, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate verify");
        await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);

        if (!await ScalarAsync<bool>(connection, $"SELECT to_regclass('{SchemaNames.QualityMetrics}') IS NOT NULL", cancellationToken))
        {
            throw new MigratorException("verify failed: table pattern_quality_metrics does not exist (run `up` first)");
        }

        var failures = new List<string>();

        var foreignKeys = await ScalarAsync<long>(connection, LineageForeignKey.CountSql, cancellationToken);
        Report("foreign keys to pattern_lineage_nodes", foreignKeys.ToString(CultureInfo.InvariantCulture), foreignKeys == 0);
        if (foreignKeys > 0)
        {
            failures.Add($"{foreignKeys} foreign key(s) still lead from pattern_quality_metrics to pattern_lineage_nodes");
        }

        var hasUnique = await ScalarAsync<bool>(connection, $"""
            SELECT EXISTS (SELECT 1 FROM pg_constraint
                           WHERE conrelid = '{SchemaNames.QualityMetrics}'::regclass
                             AND conname = '{SchemaNames.PatternIdUnique}')
            """, cancellationToken);
        Report("unique key on pattern_id", hasUnique ? "present" : "missing", hasUnique);
        if (!hasUnique)
        {
            failures.Add("pattern_quality_metrics_pattern_id_unique is missing");
        }

        var distribution = await ReadDistributionAsync(connection, cancellationToken);
        var rowsMatch = expectedRows is null || expectedRows == distribution.Total;
        Report("rows", distribution.Total.ToString(CultureInfo.InvariantCulture)
            + (expectedRows is null ? "" : $" (expected {expectedRows})"), rowsMatch);
        if (!rowsMatch)
        {
            failures.Add($"{distribution.Total} rows where {expectedRows} were expected");
        }

        Band("excellent (>= 0.9)", distribution.Excellent, distribution.Total);
        Band("good (0.7 to 0.9)", distribution.Good, distribution.Total);
        Band("fair (0.5 to 0.7)", distribution.Fair, distribution.Total);
        Band("poor (< 0.5)", distribution.Poor, distribution.Total);
        output.WriteLine($"{"average quality_score",-42}{(distribution.Average is { } average ? average.ToString("0.0000", CultureInfo.InvariantCulture) : "-")}");

        var answer = new VerifyAnswer(
            foreignKeys, hasUnique, distribution.Total, expectedRows,
            new BandCounts(distribution.Excellent, distribution.Good, distribution.Fair, distribution.Poor), distribution.Average, failures);
        if (answer.Passed)
        {
            output.WriteLine(answer.Headline());
        }

        return answer;
    }

    private void Report(string check, string value, bool ok) =>
        output.WriteLine($"{check,-42}{value,-24}{(ok ? "ok" : "FAILED")}");

    private void Band(string band, long count, long total) =>
        output.WriteLine($"  {band,-40}{count,-24}{(total == 0 ? 0 : 100.0 * count / total).ToString("0.0", CultureInfo.InvariantCulture)}%");

    private static async Task<Distribution> ReadDistributionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT count(*),
                   count(*) FILTER (WHERE quality_score >= 0.9),
                   count(*) FILTER (WHERE quality_score >= 0.7 AND quality_score < 0.9),
                   count(*) FILTER (WHERE quality_score >= 0.5 AND quality_score < 0.7),
                   count(*) FILTER (WHERE quality_score < 0.5),
                   avg(quality_score)
            FROM {SchemaNames.QualityMetrics}
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Distribution(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record Distribution(long Total, long Excellent, long Good, long Fair, long Poor, double? Average);
}
