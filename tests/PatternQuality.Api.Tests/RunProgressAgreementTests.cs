using PatternQuality.Backfill.Runs.Workers;

namespace PatternQuality.Api.Tests;

/// <summary>The api's runs and the backfill's run-progress read one run's progress alike.</summary>
public sealed class RunProgressAgreementTests(PostgresServer server)
{
    [Fact]
    public async Task Segments_of_a_collection_that_recorded_different_source_counts_give_the_api_and_the_backfill_the_same_totals()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var run = Guid.NewGuid();

        // Segment 0 completed when Qdrant held 1000 points; segment 1 was started after 65 more were ingested; the
        // collection that is gone from Qdrant counts as done.
        await api.Database.ExecuteAsync($$"""
            INSERT INTO backfill_runs (id, name, segments, status, collections, scorer_version, processed, stored)
            VALUES ('{{run}}', 'agree', 2, 'running', '{code_patterns,archon_vectors}', '1.0.0', 700, 700);
            INSERT INTO backfill_run_collections (run_id, position, collection, segment, status, source_count, batches, processed)
            VALUES ('{{run}}', 1, 'code_patterns', 0, 'completed', 1000, 5, 500),
                   ('{{run}}', 1, 'code_patterns', 1, 'running', 1065, 2, 200),
                   ('{{run}}', 2, 'archon_vectors', 0, 'missing', NULL, 0, 0),
                   ('{{run}}', 2, 'archon_vectors', 1, 'missing', NULL, 0, 0);
            """);

        var fromApi = (await api.GetJsonAsync($"/backfill/runs/{run}")).Body;
        await using var dataSource = api.Database.CreateDataSource();
        var fromBackfill = await new RunProgressReader(dataSource, run).ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            (fromBackfill.Total, fromBackfill.SegmentsDone, fromBackfill.SegmentsTotal),
            (fromApi.GetProperty("source_count").GetInt64(), fromApi.GetProperty("segments_done").GetInt32(), fromApi.GetProperty("segments_total").GetInt32()));
        Assert.Equal((1065L, 3, 4), (fromBackfill.Total!.Value, fromBackfill.SegmentsDone, fromBackfill.SegmentsTotal));
    }
}
