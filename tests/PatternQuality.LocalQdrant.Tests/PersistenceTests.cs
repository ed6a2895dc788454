namespace PatternQuality.LocalQdrant.Tests;

public sealed class PersistenceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Points_collections_and_deletions_survive_a_restart(bool killed)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using (var http = store.CreateClient())
        {
            await http.CreateAsync("kept");
            await http.CreateAsync("dropped");
            await http.UpsertAsync("kept", """[{"id": 1, "vector": [1, 0], "payload": {"v": 1}}, {"id": 2, "vector": [1, 0]}, {"id": 3, "vector": [1, 0]}]""");
            await http.UpsertAsync("kept", """[{"id": 1, "vector": [0, 1], "payload": {"v": 2}}]""");
            (await http.PostJsonAsync("collections/kept/points/delete?wait=true", """{"points": [2]}""")).ResultOf("UpdateResult");
            Assert.True((await http.SendAsync(HttpMethod.Delete, "collections/dropped")).Result.GetBoolean());
        }

        await store.RestartAsync(kill: killed);

        using var after = store.CreateClient();
        var names = (await after.GetJsonAsync("collections")).ResultOf("CollectionsResponse").GetProperty("collections");
        var points = (await after.PostJsonAsync("collections/kept/points/scroll", """{"with_vector": true}""")).ResultOf("ScrollResult").GetProperty("points");
        Assert.Equal(["kept"], names.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([1, 3], points.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(2, points[0].GetProperty("payload").GetProperty("v").GetInt32());
        Assert.Equal("[0, 1]", points[0].GetProperty("vector").GetRawText().Replace(",", ", ").Replace(",  ", ", "));
    }

    [Fact]
    public async Task A_log_line_cut_short_by_a_crash_is_dropped_and_the_rest_is_kept()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using (var http = store.CreateClient())
        {
            await http.CreateAsync("c");
            await http.UpsertAsync("c", """[{"id": 1, "vector": [1, 0]}, {"id": 2, "vector": [1, 0]}]""");
        }

        await store.RestartAsync(kill: true);
        var log = Directory.GetFiles(store.DataDirectory, "points.log", SearchOption.AllDirectories).Single();
        await File.AppendAllTextAsync(log, """{"upsert":[{"id":3,"vector":[1,""", TestContext.Current.CancellationToken);
        await store.RestartAsync(kill: true);

        using var after = store.CreateClient();
        Assert.Equal(2, (await after.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
        await after.UpsertAsync("c", """[{"id": 4, "vector": [1, 0]}]""");
        await store.RestartAsync(kill: true);
        using var last = store.CreateClient();
        Assert.Equal(3, (await last.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_restart_compacts_a_log_of_superseded_points_and_keeps_the_live_ones()
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using (var http = store.CreateClient())
        {
            await http.CreateAsync("c");
            for (var round = 0; round < 5; round++)
            {
                await http.UpsertAsync("c", "[" + string.Join(',', Enumerable.Range(0, 200).Select(i => $$$"""{"id": {{{i}}}, "vector": [1, 0], "payload": {"round": {{{round}}}}}""")) + "]");
            }

            (await http.PostJsonAsync("collections/c/points/delete?wait=true", """{"points": [0, 1, 2]}""")).ResultOf("UpdateResult");
        }

        var log = Directory.GetFiles(store.DataDirectory, "points.log", SearchOption.AllDirectories).Single();
        var before = new FileInfo(log).Length;
        await store.RestartAsync(kill: true);
        var after = new FileInfo(log).Length;

        using var restarted = store.CreateClient();
        var points = (await restarted.PostJsonAsync("collections/c/points/scroll", """{"limit": 1000}""")).ResultOf("ScrollResult").GetProperty("points");
        Assert.True(after < before / 3, $"log {before} bytes before the restart, {after} after");
        Assert.Equal(197, points.GetArrayLength());
        Assert.All(points.EnumerateArray(), p => Assert.Equal(4, p.GetProperty("payload").GetProperty("round").GetInt32()));
        await restarted.UpsertAsync("c", """[{"id": 0, "vector": [1, 0]}]""");
        await store.RestartAsync(kill: true);
        using var again = store.CreateClient();
        Assert.Equal(198, (await again.PostJsonAsync("collections/c/points/count", "{}")).Result.GetProperty("count").GetInt32());
    }
}
