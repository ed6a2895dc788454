using Npgsql;

namespace PatternQuality.Api.Quality;

public sealed record QualityPage(IReadOnlyList<PatternQualityView> Items, string? NextCursor, int Limit);

public sealed record BandCounts(long Excellent, long Good, long Fair, long Poor);

public sealed record Distribution(long Total, double? AverageScore, BandCounts Bands);

public sealed record CollectionDistribution(string? Collection, long Total, double? AverageScore, BandCounts Bands);

public sealed record DistributionReport(long Total, double? AverageScore, BandCounts Bands, IReadOnlyList<CollectionDistribution>? Collections);

/// <summary>The score queries, on the read-only data source.</summary>
public sealed class QualityReader(NpgsqlDataSource dataSource, PageCursor cursors)
{
    private const string BandCountColumns = """
        count(*),
        avg(quality_score),
        count(*) FILTER (WHERE quality_score >= 0.9),
        count(*) FILTER (WHERE quality_score >= 0.7 AND quality_score < 0.9),
        count(*) FILTER (WHERE quality_score >= 0.5 AND quality_score < 0.7),
        count(*) FILTER (WHERE quality_score < 0.5)
        """;

    public async Task<PatternQualityView?> FindAsync(Guid patternId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PatternQualityView.Columns} FROM pattern_quality_metrics WHERE pattern_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = patternId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PatternQualityView.Read(reader) : null;
    }

    /// <summary>Best scores first; ties by pattern id; the page after <see cref="QualityQuery.After"/>.</summary>
    public async Task<QualityPage> ListAsync(QualityQuery query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        await using var command = dataSource.CreateCommand();
        void Condition(string sql, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            conditions.Add(sql.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (query.Band is { } band)
        {
            if (double.IsFinite(band.Min)) Condition("quality_score >= @", band.Min);
            if (double.IsFinite(band.Max)) Condition("quality_score < @", band.Max);
        }

        if (query.MinScore is { } min) Condition("quality_score >= @", min);
        if (query.MaxScore is { } max) Condition("quality_score <= @", max);
        if (query.Collection is { } collection) Condition("metadata ->> 'collection' = @", collection);
        if (query.Version is { } version) Condition("version = @", version);
        if (query.After is { } after)
        {
            Condition("quality_score <= @", after.Score);
            command.Parameters.Add(new NpgsqlParameter { Value = after.Score });
            command.Parameters.Add(new NpgsqlParameter { Value = after.PatternId });
            conditions.Add($"(quality_score < ${command.Parameters.Count - 1} OR pattern_id > ${command.Parameters.Count})");
        }

        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1 });
        command.CommandText = $"""
            SELECT {PatternQualityView.Columns} FROM pattern_quality_metrics
            {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY quality_score DESC, pattern_id
            LIMIT ${command.Parameters.Count}
            """;

        var items = new List<PatternQualityView>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(PatternQualityView.Read(reader));
            }
        }

        string? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = cursors.Encode(new PagePosition(items[^1].QualityScore, items[^1].PatternId), query.Fingerprint);
        }

        return new QualityPage(items, next, query.Limit);
    }

    public async Task<DistributionReport> DistributionAsync(string? collection, bool perCollection, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(perCollection
            ? $"SELECT metadata ->> 'collection', {BandCountColumns} FROM pattern_quality_metrics GROUP BY 1 ORDER BY 1"
            : $"SELECT NULL::text, {BandCountColumns} FROM pattern_quality_metrics {(collection is null ? "" : "WHERE metadata ->> 'collection' = $1")}");
        if (!perCollection && collection is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        }

        var rows = new List<CollectionDistribution>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new CollectionDistribution(
                    reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    new BandCounts(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6))));
            }
        }

        var total = rows.Sum(r => r.Total);
        var bands = new BandCounts(rows.Sum(r => r.Bands.Excellent), rows.Sum(r => r.Bands.Good), rows.Sum(r => r.Bands.Fair), rows.Sum(r => r.Bands.Poor));
        var average = total == 0 ? (double?)null : rows.Sum(r => (r.AverageScore ?? 0) * r.Total) / total;
        return new DistributionReport(total, average, bands, perCollection ? rows : null);
    }
}
