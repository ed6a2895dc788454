using System.Net;
using System.Text.Json;

namespace PatternQuality.Api.Tests;

public sealed class QualityListTests(PostgresServer server)
{
    [Fact]
    public async Task Scores_come_best_first_fifty_to_a_page_by_default()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 120);

        var (status, body) = await api.GetJsonAsync("/quality");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal(50, body.GetProperty("limit").GetInt32());
        Assert.Equal(await api.Database.ScalarAsync<double>("SELECT max(quality_score) FROM pattern_quality_metrics"), items[0].GetProperty("quality_score").GetDouble());
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.GetProperty("quality_score").GetDouble() >= p.Second.GetProperty("quality_score").GetDouble()));
        Assert.Equal(JsonValueKind.String, body.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("band=good", "quality_score >= 0.7 AND quality_score < 0.9")]
    [InlineData("band=POOR", "quality_score < 0.5")]
    [InlineData("min_score=0.25&max_score=0.5", "quality_score >= 0.25 AND quality_score <= 0.5")]
    [InlineData("band=excellent&min_score=0.95", "quality_score >= 0.95")]
    [InlineData("collection=execution_patterns", "metadata->>'collection' = 'execution_patterns'")]
    [InlineData("version=1.0.0&band=fair", "quality_score >= 0.5 AND quality_score < 0.7")]
    [InlineData("version=2.0.0", "false")]
    public async Task Filters_select_the_same_rows_as_the_equivalent_sql(string query, string where)
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 400);

        var seen = await WalkAsync(api, query, limit: 500);

        var expected = await api.Database.ColumnAsync<Guid>($"SELECT pattern_id FROM pattern_quality_metrics WHERE {where} ORDER BY quality_score DESC, pattern_id");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Pagination_walks_every_row_exactly_once_in_order_with_many_ties()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 2000);

        var seen = await WalkAsync(api, "", limit: 37);

        Assert.Equal(2000, seen.Count);
        Assert.Equal(2000, seen.Distinct().Count());
        Assert.Equal(await api.Database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics ORDER BY quality_score DESC, pattern_id"), seen);
    }

    [Fact]
    public async Task Pagination_walks_every_existing_row_exactly_once_while_a_backfill_upserts()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 1500);
        var existing = (await api.Database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics")).ToHashSet();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            // New patterns arrive and existing ones are re-upserted unchanged, as a re-run backfill does.
            await using var dataSource = api.Database.CreateDataSource();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                await using var insert = dataSource.CreateCommand($$"""
                    INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, metadata)
                    SELECT md5('late-' || {{round}} || '-' || i)::uuid, random(), 0.5, '{"collection": "code_patterns"}'::jsonb FROM generate_series(1, 20) i;
                    UPDATE pattern_quality_metrics SET updated_at = now() WHERE pattern_id IN (SELECT pattern_id FROM pattern_quality_metrics ORDER BY random() LIMIT 50);
                    """);
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        var seen = await WalkAsync(api, "", limit: 23);
        await stop.CancelAsync();
        await writer;

        var seenExisting = seen.Where(existing.Contains).ToList();
        Assert.Equal(existing.Count, seenExisting.Count);
        Assert.Equal(existing.Count, seenExisting.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(await api.Database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics") > 1500, "the writer never ran");
    }

    internal static async Task<List<Guid>> WalkAsync(ApiHost api, string filters, int limit)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            var query = $"/quality?limit={limit}{(filters.Length > 0 ? "&" + filters : "")}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
            var (status, body) = await api.GetJsonAsync(query);
            Assert.True(status == HttpStatusCode.OK, $"{query}: {body}");
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("pattern_id").GetGuid()));
            if (body.GetProperty("next_cursor").ValueKind == JsonValueKind.Null)
            {
                return seen;
            }

            cursor = body.GetProperty("next_cursor").GetString();
        }

        throw new InvalidOperationException("pagination did not end");
    }
}
