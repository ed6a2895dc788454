using System.Text.Json;
using Npgsql;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Api.Coverage;

/// <summary>The backfill's coverage measurements (migration 020), read back.</summary>
public sealed class CoverageReader(NpgsqlDataSource dataSource)
{
    public async Task<CoverageView?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT measured_at, extract(epoch FROM now() - measured_at)::float8, scorer_version, run_id, points, scored, outdated, unscored,
                   orphans, collections::text
            FROM {SchemaNames.Coverage} ORDER BY measured_at DESC, id DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (points, scored) = (reader.GetInt64(4), reader.GetInt64(5));
        return new CoverageView(
            reader.GetFieldValue<DateTimeOffset>(0), Math.Max(0, reader.GetDouble(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
            points, scored, reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), points == 0 ? 1.0 : (double)scored / points,
            JsonDocument.Parse(reader.GetString(9)).RootElement.Clone());
    }
}
