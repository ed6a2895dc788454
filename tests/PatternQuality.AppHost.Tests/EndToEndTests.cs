using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The whole system from the real model file, through the testing entry point, as local processes.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task A_first_run_serves_1085_scores_and_a_second_run_starts_from_the_kept_data()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pq-apphost-e2e-").FullName;
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);
        try
        {
            await using (var first = await RunningAppHost.StartAsync(["--data-dir", dataDirectory]))
            {
                var migrator = await first.WaitForTerminalAsync("migrator");
                Assert.Equal((KnownResourceStates.Finished, 0), (migrator.State, migrator.ExitCode));
                var backfill = await first.WaitForTerminalAsync("backfill");
                Assert.Equal((KnownResourceStates.Finished, 0), (backfill.State, backfill.ExitCode));
                await first.WaitForAsync("api", s => s.IsReady);
                Assert.Equal(1085, await DistributionTotalAsync(first.App));
                Assert.Contains(first.App.ResourceLogs.GetLines("seed-demo"), line => line.Text.Contains("seeded 1065 points into code_patterns"));
                Assert.Contains(first.App.ResourceLogs.GetLines("backfill"), line => Regex.IsMatch(line.Text, @"^stored\s+1085\b"));
                await first.DisposeAsync();
                Assert.Empty(first.Survivors());
                AssertSecretsOnlyInTheirFile(dataDirectory);
            }

            await using var second = await RunningAppHost.StartAsync(["--data-dir", dataDirectory]);
            Assert.Equal(0, (await second.WaitForTerminalAsync("migrator")).ExitCode);
            Assert.Equal(0, (await second.WaitForTerminalAsync("backfill")).ExitCode);
            await second.WaitForAsync("api", s => s.IsReady);
            Assert.Equal(1085, await DistributionTotalAsync(second.App));
            Assert.Contains(second.App.ResourceLogs.GetLines("migrator"), line => line.Text.Contains("nothing to apply"));
            Assert.Contains(second.App.ResourceLogs.GetLines("seed-demo"), line => line.Text.Contains("not seeding"));
            Assert.Contains(second.App.ResourceLogs.GetLines("backfill"), line => Regex.IsMatch(line.Text, @"^stored\s+0\b"));
            Assert.Contains(second.App.ResourceLogs.GetLines("backfill"), line => Regex.IsMatch(line.Text, @"^unchanged\s+1085\b"));
            await second.DisposeAsync();
            Assert.Empty(second.Survivors());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_failing_migrator_keeps_backfill_and_api_from_starting()
    {
        // A real failure of the real program: verify refuses a database without the expected rows.
        await using var app = await RunningAppHost.StartAsync([], builder =>
        {
            var migrator = builder.Resources.Single(r => r.Name == "migrator");
            foreach (var args in migrator.Annotations.OfType<CommandLineArgsAnnotation>().ToList())
            {
                migrator.Annotations.Remove(args);
            }

            migrator.Annotations.Add(new CommandLineArgsAnnotation(["verify", "--expect-rows", "5"]));
        });

        var migratorState = await app.WaitForTerminalAsync("migrator");
        Assert.Equal(KnownResourceStates.Finished, migratorState.State);
        Assert.NotEqual(0, migratorState.ExitCode);
        Assert.False(string.IsNullOrEmpty(migratorState.Message));

        foreach (var dependent in new[] { "backfill", "api", "seed-demo" })
        {
            var snapshot = await app.WaitForTerminalAsync(dependent);
            Assert.Equal(KnownResourceStates.FailedToStart, snapshot.State);
            Assert.Null(snapshot.StartTime);
            Assert.Contains("'migrator' exited with code", snapshot.Message ?? "");
        }

        Assert.DoesNotContain(app.ProcessesSeen.Values, name => name is "backfill" or "api");
        await app.DisposeAsync();
        Assert.Empty(app.Survivors());
    }

    [Fact]
    public async Task Projects_receive_the_environment_DESIGN_md_names()
    {
        await using var app = await RunningAppHost.StartAsync([]);
        var api = await app.WaitForAsync("api", s => s.IsReady);
        var environment = ProcessTree.EnvironmentOf(api.ProcessId!.Value);

        Assert.Matches(@"^Host=localhost;Port=\d+;Username=postgres;Password=[A-Za-z0-9]{22,};Database=omninode_bridge$",
            environment["ConnectionStrings__omninode-bridge"]);
        Assert.Equal(app.App.GetConnectionString("omninode-bridge"), environment["ConnectionStrings__omninode-bridge"]);
        Assert.Equal(api.Urls.Single(), environment["ASPNETCORE_URLS"]);
        Assert.Equal("api", environment["OTEL_SERVICE_NAME"]);
        Assert.Matches(@"^service\.instance\.id=api-[0-9a-f]{8}$", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"), "no dashboard in tests, so nowhere to export to");
        Assert.DoesNotContain(environment.Keys, name => name.StartsWith("ConnectionStrings__qdrant", StringComparison.Ordinal));

        var backfill = app.App.GetEnvironment("backfill");
        Assert.Matches(@"^Endpoint=http://localhost:\d+;Key=[A-Za-z0-9]{22,}$", backfill["ConnectionStrings__qdrant"]);
        Assert.Matches(@"^Endpoint=http://localhost:\d+;Key=[A-Za-z0-9]{22,}$", backfill["ConnectionStrings__qdrant_http"]);
        var qdrantHttp = app.App.Model.Find("qdrant").Endpoints().Single(e => e.Name == "http").Allocated!;
        Assert.StartsWith($"Endpoint=http://localhost:{qdrantHttp.Port};", backfill["ConnectionStrings__qdrant_http"]);
        Assert.Equal(environment["ConnectionStrings__omninode-bridge"], backfill["ConnectionStrings__omninode-bridge"]);

        using var client = app.App.CreateHttpClient("api");
        Assert.True((await client.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode);
    }

    /// <summary>The generated passwords are in secrets.json (mode 600) and in no log, journal or data file beside it.</summary>
    private static void AssertSecretsOnlyInTheirFile(string dataDirectory)
    {
        var secretsFile = Path.Combine(dataDirectory, "secrets.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(secretsFile))!;
        Assert.Equal(["postgres-password", "qdrant-Key"], secrets.Keys.Order(StringComparer.Ordinal));
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Where(f => f != secretsFile))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var (name, value) in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)) < 0, $"{name} appears in {file}");
            }
        }
    }

    private static async Task<long> DistributionTotalAsync(DistributedApplication app)
    {
        using var client = app.CreateHttpClient("api");
        var distribution = await client.GetFromJsonAsync<JsonElement>("/quality/distribution", TestContext.Current.CancellationToken);
        return distribution.GetProperty("total").GetInt64();
    }
}
