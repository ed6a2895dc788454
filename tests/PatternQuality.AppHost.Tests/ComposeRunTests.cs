using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// deploy/docker-compose.yaml run as published, by Debian's docker-compose on a real engine (CI starts its own), with
/// the images deploy/images/build.sh builds and the secrets from the environment, as an operator runs it.
/// </summary>
public sealed class ComposeRunTests
{
    [Fact]
    public async Task Up_migrates_before_the_backfill_and_api_start_serves_1085_scores_and_down_then_up_keeps_them()
    {
        await using var compose = await ComposeProject.CreateAsync();

        // Seeding a staging Qdrant is the operator's command, not a service of the file.
        var seed = await compose.RunAsync("run", "--rm", "backfill", "seed-demo");
        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.Contains("seeded 1065 points into code_patterns", seed.StandardOutput);

        await compose.UpAsync();
        Assert.Equal(0, await compose.WaitForExitAsync("backfill"));
        Assert.Matches(new Regex(@"\bstored\s+1085\b"), await compose.LogsAsync("backfill"));
        Assert.Equal(1085, await compose.DistributionTotalAsync());

        var migrator = await compose.StateAsync("migrator");
        Assert.Equal(0, migrator.GetProperty("ExitCode").GetInt32());
        var migratorFinished = migrator.GetProperty("FinishedAt").GetDateTimeOffset();
        Assert.True((await compose.StateAsync("backfill")).GetProperty("StartedAt").GetDateTimeOffset() > migratorFinished, "the backfill starts after the migrator completed");
        Assert.True((await compose.StateAsync("api")).GetProperty("StartedAt").GetDateTimeOffset() > migratorFinished, "the api starts after the migrator completed");
        Assert.Equal($"127.0.0.1:{compose.ApiPort}", (await LocalImages.DockerAsync("port", await compose.ContainerAsync("api"), "8080/tcp")).StandardOutput.Trim());

        // down keeps the volumes: the second up applies nothing and stores nothing twice.
        var down = await compose.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        await compose.UpAsync();
        Assert.Equal(0, await compose.WaitForExitAsync("backfill"));
        Assert.Contains("nothing to apply", await compose.LogsAsync("migrator"));
        var rerun = await compose.LogsAsync("backfill");
        Assert.Matches(new Regex(@"\bstored\s+0\b"), rerun);
        Assert.Matches(new Regex(@"\bunchanged\s+1085\b"), rerun);
        Assert.Equal(1085, await compose.DistributionTotalAsync());
    }

    [Fact]
    public async Task A_missing_secret_is_refused_in_one_line_before_anything_starts()
    {
        await using var compose = await ComposeProject.CreateAsync();

        var up = await compose.RunWithoutAsync("QDRANT_KEY", "up", "-d");

        Assert.NotEqual(0, up.ExitCode);
        Assert.Contains("set QDRANT_KEY", up.StandardError);
        Assert.Equal("", (await LocalImages.DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={compose.Name}")).StandardOutput.Trim());
    }

    /// <summary>One compose project of its own (a unique -p name, a free API port on 127.0.0.1), removed with its volumes at the end.</summary>
    private sealed class ComposeProject : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
        private readonly Dictionary<string, string?> environment;

        private ComposeProject(Dictionary<string, string?> environment) => this.environment = environment;

        public string Name { get; } = $"pqtest{Guid.NewGuid():N}"[..14];

        public int ApiPort { get; } = LoopbackPort.Free();

        public static async Task<ComposeProject> CreateAsync()
        {
            var images = await LocalImages.SettingsAsync();
            var environment = images.Where(pair => !pair.Key.StartsWith("AppHost__", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
            environment["POSTGRES_PASSWORD"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            environment["QDRANT_KEY"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            environment["API_ADDRESS"] = "127.0.0.1";
            var project = new ComposeProject(environment);
            environment["API_PORT"] = project.ApiPort.ToString();
            return project;
        }

        public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(environment, arguments);

        public Task<ProcessResult> RunWithoutAsync(string variable, params string[] arguments) =>
            RunAsync(environment.Where(pair => pair.Key != variable).ToDictionary(), arguments);

        private Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> variables, string[] arguments) =>
            ProcessRunner.RunAsync("docker-compose", ["-f", Path.Combine(Repository.Root, "deploy", "docker-compose.yaml"), "-p", Name, "--ansi", "never", .. arguments],
                Patience, variables);

        public async Task UpAsync()
        {
            var up = await RunAsync("up", "-d");
            Assert.True(up.ExitCode == 0, up.ToString());
        }

        public async Task<string> ContainerAsync(string service)
        {
            var ps = await RunAsync("ps", "-q", service);
            Assert.True(ps.ExitCode == 0 && ps.StandardOutput.Trim().Length > 0, $"{service} has no container: {ps}");
            return ps.StandardOutput.Trim();
        }

        public async Task<int> WaitForExitAsync(string service)
        {
            var wait = await ProcessRunner.RunAsync("docker", ["wait", await ContainerAsync(service)], Patience);
            Assert.True(wait.ExitCode == 0, wait.ToString());
            return int.Parse(wait.StandardOutput.Trim());
        }

        public async Task<string> LogsAsync(string service)
        {
            var logs = await LocalImages.DockerAsync("logs", await ContainerAsync(service));
            return logs.StandardOutput + logs.StandardError;
        }

        public async Task<JsonElement> StateAsync(string service)
        {
            var inspect = await LocalImages.DockerAsync("inspect", "-f", "{{json .State}}", await ContainerAsync(service));
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            return JsonDocument.Parse(inspect.StandardOutput).RootElement.Clone();
        }

        /// <summary>The api's total once it answers on API_PORT (it starts while the backfill may still run).</summary>
        public async Task<long> DistributionTotalAsync()
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ApiPort}"), Timeout = TimeSpan.FromSeconds(10) };
            long total = -1;
            await Eventually.AssertAsync(async () =>
            {
                try
                {
                    total = (await client.GetFromJsonAsync<JsonElement>("/quality/distribution")).GetProperty("total").GetInt64();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, $"the api answering on 127.0.0.1:{ApiPort}", TimeSpan.FromMinutes(1));
            return total;
        }

        public async ValueTask DisposeAsync()
        {
            var down = await RunAsync("down", "-v", "--remove-orphans");
            Assert.True(down.ExitCode == 0, down.ToString());
        }
    }
}
