using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Backfill.Tests;

/// <summary>Qdrant.Client registered as Aspire.Qdrant.Client registers it, with the backfill's own fallbacks.</summary>
public sealed class QdrantSettingsTests(PostgresServer server)
{
    [Theory]
    [InlineData("http://127.0.0.1:6334", "http://127.0.0.1:6334/", null)]
    [InlineData("Endpoint=http://qdrant:6334;Key=s3cret", "http://qdrant:6334/", "s3cret")]
    [InlineData("Endpoint=https://q.internal:443", "https://q.internal/", null)]
    public void Urls_and_aspire_connection_strings_are_understood(string value, string endpoint, string? key)
    {
        var settings = new QdrantClientSettings();

        settings.ParseConnectionString(value);

        Assert.Equal(endpoint, settings.Endpoint?.ToString());
        Assert.Equal(key, settings.Key);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("Endpoint=ftp://host;Key=s3cret")]
    [InlineData("Endpoint=not a url;Key=s3cret")]
    public void Unusable_addresses_are_refused_without_repeating_the_key(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => new QdrantClientSettings().ParseConnectionString(value));

        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void The_caller_wins_then_the_connection_string_then_the_aspire_section_then_qdrant_url_and_qdrant_api_key_fills_a_missing_key()
    {
        Dictionary<string, string?> all = new()
        {
            ["ConnectionStrings:qdrant"] = "Endpoint=http://from-connection-string:6334;Key=aspire-key",
            ["Aspire:Qdrant:Client:Endpoint"] = "http://from-section:6334",
            ["Aspire:Qdrant:Client:DisableHealthChecks"] = "true",
            ["QDRANT_URL"] = "http://from-env:6334",
            ["QDRANT_API_KEY"] = "env-key",
        };

        Assert.Equal(("http://from-flag:6334/", "flag-key"), Resolved(all, "Endpoint=http://from-flag:6334;Key=flag-key"));
        Assert.Equal(("http://from-connection-string:6334/", "aspire-key"), Resolved(all));
        Assert.Equal(("http://from-section:6334/", "env-key"), Resolved(Without(all, "ConnectionStrings:qdrant")));
        Assert.Equal(("http://from-env:6334/", "env-key"), Resolved(Without(all, "ConnectionStrings:qdrant", "Aspire:Qdrant:Client:Endpoint")));
        Assert.Contains("no Qdrant given", Assert.Throws<InvalidSettingException>(() => Resolved([])).Message);
    }

    [Fact]
    public async Task The_client_health_check_reports_the_store_and_a_server_that_is_gone()
    {
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        using var healthy = Host(new() { ["ConnectionStrings:qdrant"] = qdrant.GrpcUrl.ToString() });
        using var gone = Host(new() { ["ConnectionStrings:qdrant"] = $"http://127.0.0.1:{LoopbackPort.Free()}" });
        using var disabled = Host(new() { ["ConnectionStrings:qdrant"] = qdrant.GrpcUrl.ToString(), ["Aspire:Qdrant:Client:DisableHealthChecks"] = "true" });

        var up = await healthy.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        var down = await gone.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        var none = await disabled.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, up.Entries["Qdrant.Client"].Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, down.Entries["Qdrant.Client"].Status);
        Assert.DoesNotContain("Qdrant.Client", none.Entries.Keys);
    }

    [Fact]
    public async Task The_backfill_presents_the_key_of_an_aspire_connection_string_and_a_wrong_key_is_a_one_line_failure()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync(apiKey: "s3cret");
        await DatabaseMigrations.ApplyAsync(database, "up");
        var keyed = $"Endpoint={qdrant.GrpcUrl};Key=s3cret";

        var seed = await BackfillHarness.BackfillAsync(["seed-demo", "--patterns", "60", "--database-url", database.Url, "--qdrant-url", keyed]);
        var run = await BackfillHarness.BackfillAsync(["--database-url", database.Url, "--qdrant-url", keyed]);
        var refused = await BackfillHarness.BackfillAsync(["--database-url", database.Url, "--qdrant-url", $"Endpoint={qdrant.GrpcUrl};Key=wrong-key"]);

        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(60L, await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(BackfillHarness.Lines(refused.Error));
        Assert.Contains("Unauthenticated", line);
        Assert.Contains("Invalid API key or JWT", line);
        Assert.DoesNotContain("wrong-key", line);
    }

    private static (string, string?) Resolved(Dictionary<string, string?> configuration, string? flag = null)
    {
        using var host = Host(configuration, flag);
        var settings = host.Services.GetRequiredService<QdrantClientSettings>();
        return (settings.Endpoint!.ToString(), settings.Key);
    }

    private static IHost Host(Dictionary<string, string?> configuration, string? flag = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddQdrantClient("qdrant", settings =>
        {
            if (flag is not null)
            {
                settings.ParseConnectionString(flag);
            }
        });
        builder.Services.AddHealthChecks();
        return builder.Build();
    }

    private static Dictionary<string, string?> Without(Dictionary<string, string?> configuration, params string[] keys) =>
        configuration.Where(entry => !keys.Contains(entry.Key)).ToDictionary();
}
