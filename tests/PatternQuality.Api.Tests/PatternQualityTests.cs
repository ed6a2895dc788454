using System.Net;

namespace PatternQuality.Api.Tests;

public sealed class PatternQualityTests(PostgresServer server)
{
    [Fact]
    public async Task A_known_pattern_has_its_score_dimensions_and_provenance()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        await Scores.SeedAsync(api.Database, 20);

        var (status, body) = await api.GetJsonAsync($"/patterns/{Scores.IdOf(3)}/quality");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Scores.IdOf(3), body.GetProperty("pattern_id").GetGuid());
        Assert.Equal(0.757, body.GetProperty("quality_score").GetDouble(), 1e-12);
        Assert.Equal("good", body.GetProperty("band").GetString());
        Assert.Equal(0.53, body.GetProperty("confidence").GetDouble(), 1e-12);
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal(0.5, body.GetProperty("dimensions").GetProperty("documentation").GetDouble());
        Assert.Equal("code_patterns", body.GetProperty("provenance").GetProperty("collection").GetString());
        Assert.Equal(3, body.GetProperty("provenance").GetProperty("point_id").GetInt32());
        Assert.True(body.GetProperty("measured_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task An_unknown_pattern_is_a_404_problem()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());

        var (status, body) = await api.GetJsonAsync($"/patterns/{Guid.NewGuid()}/quality");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Equal("No score for this pattern", body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("1%27%20OR%20%271%27%3D%271")]
    [InlineData("12345")]
    public async Task A_pattern_id_that_is_not_a_uuid_is_a_400_naming_the_field(string patternId)
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());

        var (status, body) = await api.GetJsonAsync($"/patterns/{patternId}/quality");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("patternId", out _), body.ToString());
    }
}
