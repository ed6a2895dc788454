using System.Net;
using System.Text.Json;

namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>Every kind of bad payload is defaulted or rejected with its reason counted; none crashes a run.</summary>
public sealed class BadPayloadTests(PostgresServer server)
{
    [Fact]
    public async Task Bad_payloads_are_defaulted_or_rejected_and_counted_and_the_run_completes()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        using var http = qdrant.CreateClient();
        await QdrantTestData.CreateCollectionAsync(http, "code_patterns");
        var hugeCode = JsonSerializer.Serialize(string.Concat(Enumerable.Repeat("for x in y:\n    pass  # loop\n", 370_000)));
        var points = $$$"""
            [
              {"id": 1, "vector": [0.1, 0.2], "payload": {}},
              {"id": 2, "vector": [0.1, 0.2]},
              {"id": 3, "vector": [0.1, 0.2], "payload": {"pattern_name": null, "code": null, "text": null, "metadata": null, "confidence": null}},
              {"id": 4, "vector": [0.1, 0.2], "payload": {"pattern_name": 12, "code": {"a": 1}, "text": [1], "metadata": "x", "use_cases": "y", "examples": 3, "node_type": false}},
              {"id": 5, "vector": [0.1, 0.2], "payload": {"code": {{{hugeCode}}}, "confidence": 0.5}},
              {"id": 6, "vector": [0.1, 0.2], "payload": {"code": "x = 1", "confidence": 1.5}},
              {"id": 7, "vector": [0.1, 0.2], "payload": {"code": "x = 1", "confidence": -0.25}},
              {"id": 8, "vector": [0.1, 0.2], "payload": {"code": "x = 1", "confidence": 1e999}},
              {"id": 9, "vector": [0.1, 0.2], "payload": {"code": "x = 1", "confidence": "very high", "pattern_confidence": 0.7}},
              {"id": 10, "vector": [0.1, 0.2], "payload": {"code": "x = 1", "confidence": "NaN"}},
              {"id": "0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab", "vector": [0.1, 0.2], "payload": {"node_types": [7, "effect"], "code": "async def execute_effect(self):"}}
            ]
            """;
        using var upsert = await QdrantTestData.UpsertAsync(http, "code_patterns", points);
        Assert.Equal(HttpStatusCode.OK, upsert.StatusCode);

        var run = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(11, BackfillHarness.SummaryFigure(run, "processed"));
        Assert.Equal(3, BackfillHarness.SummaryFigure(run, "rejected"));
        Assert.Equal(3, BackfillHarness.SummaryFigure(run, "invalid_confidence"));
        Assert.Equal(8L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal("""["code", "examples", "metadata", "node_type", "pattern_name", "text", "use_cases"]""", await database.ScalarAsync<string>($"""
            SELECT (SELECT jsonb_agg(f ORDER BY f) FROM jsonb_array_elements_text(metadata->'defaulted_fields') f)::text
            FROM pattern_quality_metrics WHERE metadata->>'point_id' = '4'
            """));
        Assert.Equal(0.7, await database.ScalarAsync<double>("SELECT confidence FROM pattern_quality_metrics WHERE metadata->>'point_id' = '9'"));
        Assert.Equal(0.0, await database.ScalarAsync<double>("SELECT confidence FROM pattern_quality_metrics WHERE metadata->>'point_id' = '10'"));
        Assert.Equal("""{"invalid_confidence": 3}""", await database.ScalarAsync<string>("SELECT rejected_by_reason::text FROM backfill_runs"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"42\"")]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("18446744073709551616")]
    public async Task Ids_qdrant_refuses_never_reach_a_collection(string id)
    {
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        using var http = qdrant.CreateClient();
        await QdrantTestData.CreateCollectionAsync(http, "code_patterns");

        using var response = await QdrantTestData.UpsertAsync(http, "code_patterns", $$$"""[{"id": {{{id}}}, "vector": [0.1, 0.2], "payload": {}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a valid point ID", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
