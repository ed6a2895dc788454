using System.Net;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Api.Tests;

public sealed class LookupTests(PostgresServer server)
{
    [Fact]
    public async Task Pattern_ids_and_points_found_and_not_found_come_back_in_one_answer()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 10);
        var integerPoint = PointPatternId.FromInteger(42);
        await api.Database.ExecuteAsync($"""
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, version, metadata)
            VALUES ('{integerPoint}', 0.75, 0.5, '1.0.0', '{"{"}"collection": "execution_patterns", "point_id": 42{"}"}')
            """);
        var unknown = Guid.NewGuid();

        var (status, body) = await api.PostJsonAsync("/quality/lookup", $$"""
            {"pattern_ids": ["{{Scores.IdOf(1)}}", "{{unknown}}", "{{Scores.IdOf(2)}}"],
             "points": [{"collection": "execution_patterns", "point_id": 42},
                        {"collection": "code_patterns", "point_id": "urn:uuid:{{Scores.IdOf(3).ToString().ToUpperInvariant()}}"},
                        {"collection": "execution_patterns", "point_id": 43}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            new[] { Scores.IdOf(1), Scores.IdOf(2), Scores.IdOf(3), integerPoint }.Order(),
            body.GetProperty("found").EnumerateArray().Select(f => f.GetProperty("pattern_id").GetGuid()).Order());
        Assert.Equal(0.75, body.GetProperty("found").EnumerateArray().Single(f => f.GetProperty("pattern_id").GetGuid() == integerPoint)
            .GetProperty("quality_score").GetDouble());
        Assert.Equal([unknown], body.GetProperty("not_found").GetProperty("pattern_ids").EnumerateArray().Select(e => e.GetGuid()));
        var missing = Assert.Single(body.GetProperty("not_found").GetProperty("points").EnumerateArray());
        Assert.Equal(("execution_patterns", 43L), (missing.GetProperty("collection").GetString(), missing.GetProperty("point_id").GetInt64()));
    }

    [Theory]
    [InlineData(1001, 0, HttpStatusCode.BadRequest)]
    [InlineData(600, 401, HttpStatusCode.BadRequest)]
    [InlineData(600, 400, HttpStatusCode.OK)]
    public async Task At_most_1000_items_are_looked_up_at_once(int patternIds, int points, HttpStatusCode expected)
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var ids = string.Join(", ", Enumerable.Range(0, patternIds).Select(_ => $"\"{Guid.NewGuid()}\""));
        var refs = string.Join(", ", Enumerable.Range(0, points).Select(i => $$"""{"collection": "code_patterns", "point_id": {{i}}}"""));

        var (status, body) = await api.PostJsonAsync("/quality/lookup", $$"""{"pattern_ids": [{{ids}}], "points": [{{refs}}]}""");

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(1000, body.GetProperty("not_found").GetProperty("pattern_ids").GetArrayLength() + body.GetProperty("not_found").GetProperty("points").GetArrayLength());
        }
        else
        {
            Assert.Contains("at most 1000", body.GetProperty("errors").GetProperty("").ToString());
        }
    }

    [Theory]
    [InlineData("""{"pattern_ids": ["not-a-uuid"]}""", "pattern_ids[0]")]
    [InlineData("""{"pattern_ids": "all"}""", "pattern_ids")]
    [InlineData("""{"points": [{"collection": "code_patterns", "point_id": -1}]}""", "points[0].point_id")]
    [InlineData("""{"points": [{"collection": "code_patterns", "point_id": 1.5}]}""", "points[0].point_id")]
    [InlineData("""{"points": [{"point_id": 7}]}""", "points[0].collection")]
    [InlineData("""{"points": [7]}""", "points[0]")]
    [InlineData("""{}""", "")]
    [InlineData("""[]""", "")]
    public async Task Bad_lookups_are_a_400_naming_the_field(string json, string field)
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());

        var (status, body) = await api.PostJsonAsync("/quality/lookup", json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());

        var (status, body) = await api.PostJsonAsync("/quality/lookup", "{\"pattern_ids\": [");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }
}
