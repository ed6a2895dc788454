using Microsoft.Extensions.Configuration;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Backfill.Tests;

public sealed class QdrantSettingsTests(PostgresServer server)
{
    [Theory]
    [InlineData("http://127.0.0.1:6333", "http://127.0.0.1:6333/", null)]
    [InlineData("Endpoint=http://qdrant:6333;Key=s3cret", "http://qdrant:6333/", "s3cret")]
    [InlineData("Endpoint=https://q.internal:443", "https://q.internal/", null)]
    public void Urls_and_aspire_connection_strings_are_understood(string value, string endpoint, string? key)
    {
        var settings = QdrantSettings.Parse(value);

        Assert.Equal(endpoint, settings.Endpoint.ToString());
        Assert.Equal(key, settings.ApiKey);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("Endpoint=;Key=s3cret")]
    [InlineData("Key=s3cret")]
    [InlineData("not a url")]
    public void Unusable_addresses_are_refused_without_repeating_the_key(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => QdrantSettings.Parse(value));

        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void The_flag_wins_then_the_aspire_connection_string_then_qdrant_url_and_qdrant_api_key_fills_a_missing_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:qdrant_http"] = "Endpoint=http://from-aspire:6333;Key=aspire-key",
            ["QDRANT_URL"] = "http://from-env:6333",
            ["QDRANT_API_KEY"] = "env-key",
        }).Build();
        var envOnly = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QDRANT_URL"] = "http://from-env:6333",
            ["QDRANT_API_KEY"] = "env-key",
        }).Build();

        Assert.Equal(new QdrantSettings(new Uri("http://from-flag:6333"), "env-key"), QdrantSettings.Resolve("http://from-flag:6333", configuration));
        Assert.Equal(new QdrantSettings(new Uri("http://from-aspire:6333"), "aspire-key"), QdrantSettings.Resolve(null, configuration));
        Assert.Equal(new QdrantSettings(new Uri("http://from-env:6333"), "env-key"), QdrantSettings.Resolve(null, envOnly));
    }

    [Fact]
    public async Task The_backfill_presents_the_key_of_an_aspire_connection_string_and_a_wrong_key_is_a_one_line_failure()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync(apiKey: "s3cret");
        await DatabaseMigrations.ApplyAsync(database, "up");
        var keyed = $"Endpoint={qdrant.Url};Key=s3cret";

        var seed = await BackfillHarness.BackfillAsync(["seed-demo", "--patterns", "60", "--database-url", database.Url, "--qdrant-url", keyed]);
        var run = await BackfillHarness.BackfillAsync(["--database-url", database.Url, "--qdrant-url", keyed]);
        var refused = await BackfillHarness.BackfillAsync(["--database-url", database.Url, "--qdrant-url", $"Endpoint={qdrant.Url};Key=wrong-key"]);

        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(60L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(BackfillHarness.Lines(refused.Error));
        Assert.Contains("401", line);
        Assert.Contains("Invalid API key or JWT", line);
        Assert.DoesNotContain("wrong-key", line);
    }
}
