using System.Net;

namespace PatternQuality.Api.Tests;

public sealed class DistributionTests(PostgresServer server)
{
    [Fact]
    public async Task The_distribution_counts_the_bands_and_averages_the_scores()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 1085);

        var (status, body) = await api.GetJsonAsync("/quality/distribution");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1085, body.GetProperty("total").GetInt64());
        var bands = body.GetProperty("bands");
        Assert.Equal(await Count("quality_score >= 0.9"), bands.GetProperty("excellent").GetInt64());
        Assert.Equal(await Count("quality_score >= 0.7 AND quality_score < 0.9"), bands.GetProperty("good").GetInt64());
        Assert.Equal(await Count("quality_score >= 0.5 AND quality_score < 0.7"), bands.GetProperty("fair").GetInt64());
        Assert.Equal(await Count("quality_score < 0.5"), bands.GetProperty("poor").GetInt64());
        Assert.Equal(await api.Database.ScalarAsync<double>("SELECT avg(quality_score) FROM pattern_quality_metrics"), body.GetProperty("average_score").GetDouble(), 1e-12);

        Task<long> Count(string where) => api.Database.ScalarAsync<long>($"SELECT count(*) FROM pattern_quality_metrics WHERE {where}");
    }

    [Fact]
    public async Task The_distribution_can_be_had_for_one_collection_or_per_collection()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 1085);

        var one = await api.GetJsonAsync("/quality/distribution?collection=execution_patterns");
        var each = await api.GetJsonAsync("/quality/distribution?per_collection=true");
        var none = await api.GetJsonAsync("/quality/distribution?collection=archon_vectors");

        Assert.Equal(108, one.Body.GetProperty("total").GetInt64());
        var collections = each.Body.GetProperty("collections").EnumerateArray().ToList();
        Assert.Equal(["code_patterns", "execution_patterns"], collections.Select(c => c.GetProperty("collection").GetString()));
        Assert.Equal(1085, collections.Sum(c => c.GetProperty("total").GetInt64()));
        Assert.Equal(1085, each.Body.GetProperty("total").GetInt64());
        Assert.Equal(0, none.Body.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, none.Status);
    }

    [Fact]
    public async Task The_distribution_stays_exact_through_every_kind_of_write()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 3000);
        await using var writer = api.Database.CreateDataSource();

        // Upserts that change scores and move rows between collections, as a re-scoring backfill would.
        await Execute(writer, """
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, metadata)
            SELECT pattern_id, 1 - quality_score, confidence, jsonb_set(metadata, '{collection}', '"archon_vectors"')
            FROM pattern_quality_metrics WHERE quality_score < 0.3
            ON CONFLICT (pattern_id) DO UPDATE SET quality_score = excluded.quality_score, metadata = excluded.metadata
            """);
        await Execute(writer, "DELETE FROM pattern_quality_metrics WHERE quality_score BETWEEN 0.5 AND 0.55");
        await Execute(writer, "UPDATE pattern_quality_metrics SET metadata = metadata - 'collection' WHERE quality_score > 0.95");
        await using (var connection = await writer.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY pattern_quality_metrics (pattern_id, quality_score, confidence) FROM STDIN (FORMAT BINARY)", TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 200; i++)
            {
                await copy.StartRowAsync(TestContext.Current.CancellationToken);
                await copy.WriteAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);
                await copy.WriteAsync(i / 200.0, TestContext.Current.CancellationToken);
                await copy.WriteAsync(0.5, TestContext.Current.CancellationToken);
            }

            await copy.CompleteAsync(TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Execute(writer, """
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, metadata)
            SELECT md5('concurrent-{w}-' || i)::uuid, random(), 0.5, '{"collection": "code_patterns"}'::jsonb FROM generate_series(1, 500) i
            """.Replace("{w}", w.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))));

        await AssertMatchesTableAsync(api);

        await Execute(writer, "TRUNCATE pattern_quality_metrics");
        var (_, empty) = await api.GetJsonAsync("/quality/distribution?per_collection=true");
        Assert.Equal(0, empty.GetProperty("total").GetInt64());
        Assert.Equal(0, empty.GetProperty("collections").GetArrayLength());
    }

    private static async Task AssertMatchesTableAsync(ApiHost api)
    {
        var (_, each) = await api.GetJsonAsync("/quality/distribution?per_collection=true");
        var expected = await api.Database.ColumnAsync<string>("""
            SELECT collection || ':' || total || ':' || to_char(average, 'FM0.000000000') || ':' || excellent || ':' || poor
            FROM (SELECT coalesce(metadata->>'collection', '') AS collection, count(*) AS total, round(avg(quality_score)::numeric, 9) AS average,
                         count(*) FILTER (WHERE quality_score >= 0.9) AS excellent, count(*) FILTER (WHERE quality_score < 0.5) AS poor
                  FROM pattern_quality_metrics GROUP BY 1) per_collection
            ORDER BY collection COLLATE "C"
            """);
        var actual = each.GetProperty("collections").EnumerateArray().Select(c =>
            $"{c.GetProperty("collection").GetString()}:{c.GetProperty("total").GetInt64()}:{Math.Round(c.GetProperty("average_score").GetDouble(), 9).ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture)}"
            + $":{c.GetProperty("bands").GetProperty("excellent").GetInt64()}:{c.GetProperty("bands").GetProperty("poor").GetInt64()}").ToList();
        Assert.Equal(expected, actual);
    }

    private static async Task Execute(Npgsql.NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
