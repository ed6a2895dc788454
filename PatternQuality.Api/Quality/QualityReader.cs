using Npgsql;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Api.Quality;

public sealed record QualityPage(IReadOnlyList<PatternQualityView> Items, string? NextCursor, int Limit);

public sealed record BandCounts(long Excellent, long Good, long Fair, long Poor);

public sealed record Distribution(long Total, double? AverageScore, BandCounts Bands);

public sealed record CollectionDistribution(string? Collection, long Total, double? AverageScore, BandCounts Bands);

public sealed record DistributionReport(long Total, double? AverageScore, BandCounts Bands, IReadOnlyList<CollectionDistribution>? Collections);

/// <summary>The score queries, on the read-only data source.</summary>
public sealed class QualityReader(NpgsqlDataSource dataSource, PageCursor cursors)
{
    public async Task<PatternQualityView?> FindAsync(Guid patternId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PatternQualityView.Columns} FROM {SchemaNames.QualityMetrics} WHERE pattern_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = patternId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PatternQualityView.Read(reader) : null;
    }

    /// <summary>The scores of these patterns, in one statement, in the order of their ids.</summary>
    public async Task<IReadOnlyList<PatternQualityView>> FindManyAsync(Guid[] patternIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {PatternQualityView.Columns} FROM {SchemaNames.QualityMetrics} WHERE pattern_id = ANY($1) ORDER BY pattern_id");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = patternIds });
        var found = new List<PatternQualityView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(PatternQualityView.Read(reader));
        }

        return found;
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
            SELECT {PatternQualityView.Columns} FROM {SchemaNames.QualityMetrics}
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

    /// <summary>From the band summary that triggers keep exact (migration 017): a few rows, whatever the number of scores.</summary>
    public async Task<DistributionReport> DistributionAsync(string? collection, bool perCollection, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT collection, band, patterns, score_sum::float8 FROM pattern_quality_band_counts
            WHERE patterns <> 0 {(collection is null ? "" : "AND collection = $1")}
            """);
        if (collection is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        }

        var counts = new List<(string Collection, string Band, long Patterns, double ScoreSum)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3)));
            }
        }

        var overall = Summarize(null, counts);
        var collections = perCollection
            ? counts.GroupBy(c => c.Collection).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarize(g.Key, g.ToList())).ToList()
            : null;
        return new DistributionReport(overall.Total, overall.AverageScore, overall.Bands, collections);
    }

    private static CollectionDistribution Summarize(string? collection, IReadOnlyCollection<(string Collection, string Band, long Patterns, double ScoreSum)> counts)
    {
        long Band(string name) => counts.Where(c => c.Band == name).Sum(c => c.Patterns);
        var total = counts.Sum(c => c.Patterns);
        return new CollectionDistribution(
            collection, total, total == 0 ? null : counts.Sum(c => c.ScoreSum) / total,
            new BandCounts(Band("excellent"), Band("good"), Band("fair"), Band("poor")));
    }
}
