using System.Net;

namespace PatternQuality.Api.Tests;

public sealed class CoverageTests(PostgresServer server)
{
    [Fact]
    public async Task Coverage_answers_the_last_measurement_with_its_age_and_404_before_any()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var none = await api.GetJsonAsync("/quality/coverage");
        await api.Database.ExecuteAsync("""
            INSERT INTO pattern_quality_coverage (measured_at, scorer_version, points, scored, outdated, unscored, orphans, collections)
            VALUES (now() - interval '2 hours', '1.0.0', 1085, 1085, 0, 0, 0, '[]'),
                   (now() - interval '90 seconds', '1.0.0', 400, 300, 0, 100, 785,
                    '[{"collection": "code_patterns", "points": 380, "scored": 280, "outdated": 0, "unscored": 100, "orphans": 785},
                      {"collection": "execution_patterns", "points": 20, "scored": 20, "outdated": 0, "unscored": 0, "orphans": 0}]');
            """);

        var latest = await api.GetJsonAsync("/quality/coverage");

        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal(HttpStatusCode.OK, latest.Status);
        var body = latest.Body;
        Assert.Equal((400L, 300L, 100L, 785L), (body.GetProperty("points").GetInt64(), body.GetProperty("scored").GetInt64(),
            body.GetProperty("unscored").GetInt64(), body.GetProperty("orphans").GetInt64()));
        Assert.Equal(0.75, body.GetProperty("coverage").GetDouble(), 1e-9);
        Assert.InRange(body.GetProperty("age_seconds").GetDouble(), 89, 600);
        Assert.Equal(785, body.GetProperty("collections")[0].GetProperty("orphans").GetInt64());
    }
}
