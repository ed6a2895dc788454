using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace PatternQuality.Testing;

/// <summary>One compose project of its own (a unique -p name, a free API port on 127.0.0.1), removed with its volumes at the end.</summary>
public sealed class ComposeProject : IAsyncDisposable
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

    /// <summary>A variable the operator sets for the project's commands from now on.</summary>
    public void Set(string variable, string value) => environment[variable] = value;

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(environment, arguments);

    public Task<ProcessResult> RunWithoutAsync(string variable, params string[] arguments) =>
        RunAsync(environment.Where(pair => pair.Key != variable).ToDictionary(), arguments);

    private Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> variables, string[] arguments) =>
        ProcessRunner.RunAsync("docker-compose", ["-f", Path.Combine(Repository.Root, "deploy", "docker-compose.yaml"), "-p", Name, "--ansi", "never", .. arguments],
            Patience, variables);

    public async Task UpAsync()
    {
        var up = await RunAsync("up", "-d");
        Assert.True(up.ExitCode == 0, $"{up}\n{await ServiceLogsAsync()}");
    }

    /// <summary>Every service's last lines, for a failure's message.</summary>
    public async Task<string> ServiceLogsAsync() => (await RunAsync("logs", "--no-color", "--tail", "20")).StandardOutput;

    public async Task<string> ContainerAsync(string service)
    {
        var ps = await RunAsync("ps", "-q", service);
        Assert.True(ps.ExitCode == 0 && ps.StandardOutput.Trim().Length > 0, $"{service} has no container: {ps}");
        return ps.StandardOutput.Trim();
    }

    public async Task<int> WaitForExitAsync(string service) => Assert.Single(await WaitForEveryExitAsync(service));

    /// <summary>The exit code of each of the service's containers (its replicas), once every one has exited.</summary>
    public async Task<IReadOnlyList<int>> WaitForEveryExitAsync(string service)
    {
        var ps = await RunAsync("ps", "-q", service);
        var containers = ps.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(ps.ExitCode == 0 && containers.Length > 0, $"{service} has no container: {ps}");
        var wait = await ProcessRunner.RunAsync("docker", ["wait", .. containers], Patience);
        Assert.True(wait.ExitCode == 0, wait.ToString());
        return [.. wait.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }

    /// <summary>What the api answers on API_PORT for a GET of <paramref name="path"/>.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var client = ApiClient();
        return await client.GetFromJsonAsync<JsonElement>(path);
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
        using var client = ApiClient();
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

    private HttpClient ApiClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{ApiPort}"), Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask DisposeAsync()
    {
        var down = await RunAsync("down", "-v", "--remove-orphans");
        Assert.True(down.ExitCode == 0, down.ToString());
    }
}
