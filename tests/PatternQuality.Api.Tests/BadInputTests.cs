using System.Net;
using System.Text.Json;

namespace PatternQuality.Api.Tests;

/// <summary>Every bad input is a 400 ProblemDetails naming its field, never a 500.</summary>
public sealed class BadInputTests(PostgresServer server)
{
    [Theory]
    [InlineData("/quality?limit=0", "limit")]
    [InlineData("/quality?limit=501", "limit")]
    [InlineData("/quality?limit=ten", "limit")]
    [InlineData("/quality?limit=-1", "limit")]
    [InlineData("/quality?limit=99999999999999999999", "limit")]
    [InlineData("/quality?band=great", "band")]
    [InlineData("/quality?band=good%27%20OR%201%3D1--", "band")]
    [InlineData("/quality?min_score=2", "min_score")]
    [InlineData("/quality?max_score=-0.1", "max_score")]
    [InlineData("/quality?min_score=NaN", "min_score")]
    [InlineData("/quality?min_score=0.8&max_score=0.2", "min_score")]
    [InlineData("/quality?collection=x%27%3B%20DROP%20TABLE%20pattern_quality_metrics%3B--", "collection")]
    [InlineData("/quality?version=1.0.0%27%20OR%20%271%27%3D%271", "version")]
    [InlineData("/quality?cursor=abc", "cursor")]
    [InlineData("/quality?cursor=", "cursor")]
    [InlineData("/quality/distribution?per_collection=maybe", "per_collection")]
    [InlineData("/quality/distribution?collection=%3Cscript%3E", "collection")]
    [InlineData("/backfill/runs?limit=0", "limit")]
    [InlineData("/backfill/runs/not-a-run", "id")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string path, string field)
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 10);

        var (status, body) = await api.GetJsonAsync(path);

        Assert.True(status == HttpStatusCode.BadRequest, $"{path}: {(int)status} {body}");
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(10L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task A_tampered_cursor_or_one_from_other_filters_is_refused()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 100);
        var (_, first) = await api.GetJsonAsync("/quality?limit=10&band=fair");
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var forged = (cursor[0] == 'A' ? "B" : "A") + cursor[1..];

        var tampered = await api.GetJsonAsync($"/quality?limit=10&band=fair&cursor={Uri.EscapeDataString(forged)}");
        var otherFilters = await api.GetJsonAsync($"/quality?limit=10&band=good&cursor={Uri.EscapeDataString(cursor)}");
        var genuine = await api.GetJsonAsync($"/quality?limit=10&band=fair&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.True(tampered.Body.GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.Equal(HttpStatusCode.BadRequest, otherFilters.Status);
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
        Assert.Equal(JsonValueKind.Array, genuine.Body.GetProperty("items").ValueKind);
    }
}
