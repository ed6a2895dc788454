using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.Backfill.Tests.Coverage;

/// <summary>DESIGN.md's story, continued: after 013 and the backfill, Qdrant changes, and coverage follows it.</summary>
public sealed class CoverageStoryTests(PostgresServer server)
{
    [Fact]
    public async Task Coverage_follows_points_added_deleted_and_edited_a_run_stores_110_and_a_guarded_prune_and_its_undo_lose_nothing()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 1085);
        await using var _ = qdrant;
        var first = await BackfillHarness.BackfillAsync(database, qdrant, "--output", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var afterFirst = AnswerIn<CoverageAnswer>(first);
        Assert.Equal((1085L, 1085L, 0L, 0L, 0L), Figures(afterFirst));
        Assert.Equal("Coverage: 100% (1,085 of 1,085), 0 orphan scores", afterFirst.Headline());

        using var http = qdrant.CreateClient();
        var points = await CodePatternsAsync(http);
        await DeleteAsync(http, points.Take(785));
        await UpsertAsync(http, points.Skip(785).Take(10).Select(point => Edited(point)));
        await UpsertAsync(http, Enumerable.Range(0, 100).Select(i => Edited(points[^1], Guid.NewGuid().ToString())));

        var changed = await CoverageAsync(database, qdrant);
        Assert.Equal((400L, 300L, 0L, 100L, 785L), Figures(changed));
        Assert.Equal(785L, changed.Collections.Single(c => c.Collection == "code_patterns").Orphans);

        var run = await BackfillHarness.BackfillAsync(database, qdrant);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(110, BackfillHarness.SummaryFigure(run, "stored"));
        Assert.Equal(1185L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));

        var refused = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--expect-orphans", "784");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("785 orphan score(s) found, not the 784 confirmed: nothing was deleted", refused.Error);
        Assert.Equal(1185L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));

        var pruned = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--expect-orphans", "785", "--output", "json");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.Equal(400L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal((400L, 400L, 0L, 0L, 0L), Figures(await CoverageAsync(database, qdrant)));
        Assert.Equal(400L, await database.ScalarAsync<long>("SELECT sum(patterns)::bigint FROM pattern_quality_band_counts"));

        var prune = AnswerIn<PruneAnswer>(pruned);
        var undone = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--undo", prune.PruneId.ToString(CultureInfo.InvariantCulture));
        Assert.True(undone.ExitCode == 0, undone.ToString());
        Assert.Equal(1185L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal((400L, 400L, 0L, 0L, 785L), Figures(await CoverageAsync(database, qdrant)));
        var again = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--undo", prune.PruneId.ToString(CultureInfo.InvariantCulture));
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("was undone already", again.Error);
    }

    [Fact]
    public async Task Undoing_a_prune_is_refused_changing_nothing_once_one_of_its_patterns_is_scored_again()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 200);
        await using var _ = qdrant;
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        using var http = qdrant.CreateClient();
        await DeleteAsync(http, (await CodePatternsAsync(http)).Take(20));
        var pruned = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--expect-orphans", "20", "--output", "json");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        var pruneId = AnswerIn<PruneAnswer>(pruned).PruneId.ToString(CultureInfo.InvariantCulture);
        await database.ExecuteAsync($$"""
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, version, metadata)
            SELECT pattern_id, 0.9, 0.9, '1.0.0', '{}' FROM pattern_quality_pruned_scores WHERE prune_id = {{pruneId}} LIMIT 1
            """);

        var undo = await BackfillHarness.BackfillAsync(database, qdrant, "prune", "--undo", pruneId);

        Assert.NotEqual(0, undo.ExitCode);
        Assert.Contains($"1 of prune {pruneId}'s patterns have been scored again since: their scores stand, so nothing was put back", undo.Error);
        Assert.Equal(181L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_prunes WHERE undone_at IS NOT NULL"));
    }

    [Fact]
    public async Task Scores_of_another_scorer_version_count_as_outdated_until_a_run_rewrites_each_once()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 300);
        await using var _ = qdrant;
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        await database.ExecuteAsync("UPDATE pattern_quality_metrics SET version = '0.9.0'");

        Assert.Equal((300L, 0L, 300L, 0L, 0L), Figures(await CoverageAsync(database, qdrant)));
        var rewrite = await BackfillHarness.BackfillAsync(database, qdrant);
        var unchanged = await BackfillHarness.BackfillAsync(database, qdrant);

        Assert.Equal(300, BackfillHarness.SummaryFigure(rewrite, "stored"));
        Assert.Equal(0, BackfillHarness.SummaryFigure(unchanged, "stored"));
        Assert.Equal((300L, 300L, 0L, 0L, 0L), Figures(await CoverageAsync(database, qdrant)));
    }

    [Fact]
    public async Task A_check_against_an_unreachable_Qdrant_fails_with_the_reason_and_leaves_the_last_measurement_as_it_was()
    {
        var (database, qdrant) = await BackfillHarness.SeededAsync(server, 200);
        var grpc = qdrant.GrpcUrl.ToString();
        Assert.Equal(0, (await BackfillHarness.BackfillAsync(database, qdrant)).ExitCode);
        var recorded = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_coverage");
        await qdrant.DisposeAsync();

        var check = await BackfillHarness.BackfillAsync("coverage", "--database-url", database.Url, "--qdrant-url", grpc);

        Assert.NotEqual(0, check.ExitCode);
        Assert.StartsWith("error: cannot reach Qdrant:", check.Error.Trim().Split('\n')[^1]);
        Assert.EndsWith("nothing was recorded", check.Error.Trim());
        Assert.Equal(1L, recorded);
        Assert.Equal(recorded, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_coverage"));
    }

    private static (long Points, long Scored, long Outdated, long Unscored, long Orphans) Figures(CoverageAnswer coverage) =>
        (coverage.Points, coverage.Scored, coverage.Outdated, coverage.Unscored, coverage.Orphans);

    private static async Task<CoverageAnswer> CoverageAsync(TestDatabase database, LocalQdrantProcess qdrant)
    {
        var check = await BackfillHarness.BackfillAsync(database, qdrant, "coverage", "--output", "json");
        Assert.True(check.ExitCode == 0, check.ToString());
        return AnswerIn<CoverageAnswer>(check);
    }

    private static T AnswerIn<T>(CliResult result) where T : ToolAnswer =>
        BackfillHarness.Lines(result.Output).Select(line => ToolAnswers.Read(line, "backfill")).OfType<T>().Last();

    private static async Task<List<JsonObject>> CodePatternsAsync(HttpClient http)
    {
        using var response = await http.PostAsync("collections/code_patterns/points/scroll",
            QdrantTestData.Json("""{"limit": 5000, "with_payload": true, "with_vector": true}"""), TestContext.Current.CancellationToken);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
        return [.. body["result"]!["points"]!.AsArray().Select(point => point!.AsObject())];
    }

    private static JsonObject Edited(JsonObject point, string? newId = null)
    {
        var copy = point.DeepClone().AsObject();
        if (newId is not null)
        {
            copy["id"] = newId;
        }

        copy["payload"]!["confidence"] = 0.123;
        return new JsonObject { ["id"] = copy["id"]!.DeepClone(), ["vector"] = copy["vector"]!.DeepClone(), ["payload"] = copy["payload"]!.DeepClone() };
    }

    private static async Task DeleteAsync(HttpClient http, IEnumerable<JsonObject> points)
    {
        var ids = new JsonArray([.. points.Select(point => point["id"]!.DeepClone())]);
        using var response = await http.PostAsync("collections/code_patterns/points/delete?wait=true",
            QdrantTestData.Json(new JsonObject { ["points"] = ids }.ToJsonString()), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task UpsertAsync(HttpClient http, IEnumerable<JsonObject> points)
    {
        using var response = await QdrantTestData.UpsertAsync(http, "code_patterns", new JsonArray([.. points]).ToJsonString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
