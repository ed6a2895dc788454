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
}
