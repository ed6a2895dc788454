using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace PatternQuality.Api.Tests;

/// <summary>The API in memory over a real, migrated database of its own.</summary>
public sealed class ApiHost : WebApplicationFactory<ApiAssembly>
{
    private readonly string connectionString;

    private ApiHost(TestDatabase database)
    {
        Database = database;
        connectionString = database.ConnectionString.ConnectionString;
    }

    public TestDatabase Database { get; }

    /// <param name="migratorArgs">How far to migrate first: <c>up</c> when none is given.</param>
    public static async Task<ApiHost> StartAsync(TestDatabase database, params string[] migratorArgs)
    {
        await DatabaseMigrations.ApplyAsync(database, migratorArgs);
        return new ApiHost(database);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:omninode-bridge", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await CreateClient().PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}

/// <summary>Deterministic scores written straight into the table, as a backfill would leave them.</summary>
public static class Scores
{
    /// <summary>Pattern i gets score ((i * 7919) mod 1000) / 1000, so scores repeat and ties are common.</summary>
    public static Task SeedAsync(TestDatabase database, int count, int offset = 0) => database.ExecuteAsync($"""
        INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, measurement_timestamp, version, metadata)
        SELECT md5('pattern-' || i)::uuid, ((i * 7919) % 1000) / 1000.0, 0.5 + (i % 50) / 100.0, now(), '1.0.0',
               jsonb_build_object('collection', CASE WHEN i % 10 = 0 THEN 'execution_patterns' ELSE 'code_patterns' END,
                                  'point_id', i, 'completeness_score', 0.9, 'documentation_score', 0.5,
                                  'onex_compliance_score', 0.7, 'metadata_richness_score', 0.3, 'complexity_score', 0.6)
        FROM generate_series({offset + 1}, {offset + count}) AS i
        """);

    public static Guid IdOf(int i) => new(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"pattern-{i}"))));

    public static NpgsqlDataSource Writer(TestDatabase database) => database.CreateDataSource();
}
