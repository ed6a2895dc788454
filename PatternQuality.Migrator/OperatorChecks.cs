using System.Globalization;
using Npgsql;

namespace PatternQuality.Migrator;

/// <summary>
/// The checks an operator runs after migration 013: no foreign key left on
/// pattern_quality_metrics, the unique key writers upsert on, the row count and how the
/// scores spread over the quality bands.
/// </summary>
public sealed class OperatorChecks(NpgsqlDataSource dataSource, TextWriter output)
{
    public async Task VerifyAsync(long? expectedRows, CancellationToken cancellationToken)
    {
        using var activity = MigratorTelemetry.Source.StartActivity("migrate verify");
        await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);

        if (!await ScalarAsync<bool>(connection, "SELECT to_regclass('pattern_quality_metrics') IS NOT NULL", cancellationToken))
        {
            throw new MigratorException("verify failed: table pattern_quality_metrics does not exist (run `up` first)");
        }

        var failures = new List<string>();

        var foreignKeys = await ScalarAsync<long>(connection, """
            SELECT count(*) FROM information_schema.table_constraints
            WHERE table_name = 'pattern_quality_metrics' AND constraint_type = 'FOREIGN KEY'
              AND table_schema = current_schema()
            """, cancellationToken);
        Report("foreign keys on pattern_quality_metrics", foreignKeys.ToString(CultureInfo.InvariantCulture), foreignKeys == 0);
        if (foreignKeys > 0)
        {
            failures.Add($"{foreignKeys} foreign key(s) still on pattern_quality_metrics");
        }

        var hasUnique = await ScalarAsync<bool>(connection, """
            SELECT EXISTS (SELECT 1 FROM pg_constraint
                           WHERE conrelid = 'pattern_quality_metrics'::regclass
                             AND conname = 'pattern_quality_metrics_pattern_id_unique')
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

        if (failures.Count > 0)
        {
            throw new MigratorException($"verify failed: {string.Join("; ", failures)}");
        }

        output.WriteLine("verify: passed");
    }

    private void Report(string check, string value, bool ok) =>
        output.WriteLine($"{check,-42}{value,-24}{(ok ? "ok" : "FAILED")}");

    private void Band(string band, long count, long total) =>
        output.WriteLine($"  {band,-40}{count,-24}{(total == 0 ? 0 : 100.0 * count / total).ToString("0.0", CultureInfo.InvariantCulture)}%");

    private static async Task<Distribution> ReadDistributionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE quality_score >= 0.9),
                   count(*) FILTER (WHERE quality_score >= 0.7 AND quality_score < 0.9),
                   count(*) FILTER (WHERE quality_score >= 0.5 AND quality_score < 0.7),
                   count(*) FILTER (WHERE quality_score < 0.5),
                   avg(quality_score)
            FROM pattern_quality_metrics
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
