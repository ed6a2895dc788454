using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatternQuality.AppHost;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// The real app model (PatternQuality.AppHost's Program.cs) run by Aspire.Hosting.Testing on a data folder of
/// its own, with every resource's console kept and every process it starts findable afterwards.
/// </summary>
public sealed class TestAppHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly bool ownsDataDirectory;
    private bool disposed;

    private TestAppHost(DistributedApplication app, OurProcesses processes, string dataDirectory, bool ownsDataDirectory)
    {
        App = app;
        Processes = processes;
        DataDirectory = dataDirectory;
        this.ownsDataDirectory = ownsDataDirectory;
    }

    public DistributedApplication App { get; }

    public OurProcesses Processes { get; }

    public string DataDirectory { get; }

    public static async Task<TestAppHost> StartAsync(string[]? args = null, string? dataDirectory = null, Action<IDistributedApplicationTestingBuilder>? arrange = null, bool awaitEveryStart = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = new OurProcesses();
        Environment.SetEnvironmentVariable(OurProcesses.MarkerVariable, processes.Marker);
        var ownsData = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();

        // Local processes unless a test asks for containers: CI's Docker engine would otherwise make `auto` choose them.
        args ??= [];
        var form = args.Any(arg => arg.StartsWith("--AppHost:Servers=", StringComparison.Ordinal)) ? [] : new[] { "--AppHost:Servers=local" };
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHostAssembly>(
            [.. args, .. form, $"--AppHost:DataDirectory={dataDirectory}"], ct);

        // The testing builder turns the dashboard off yet points projects at its OTLP address, where nothing
        // listens: every process would then spend ~10 s trying to export on exit.
        foreach (var resource in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(resource).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }

        // Resource consoles are kept by this class; the test log gets only their warnings.
        builder.Services.AddLogging(logging => logging.AddFilter($"{typeof(AppHostAssembly).Assembly.GetName().Name}.Resources", LogLevel.Warning));
        arrange?.Invoke(builder);
        var app = await builder.BuildAsync(ct);
        var running = new TestAppHost(app, processes, dataDirectory, ownsData);
        // StartAsync returns once every resource has started, the whole WaitFor chain; a test of a chain that
        // cannot complete watches states instead.
        var starting = app.StartAsync(ct);
        if (awaitEveryStart)
        {
            await starting.WaitAsync(Patience, ct);
        }

        return running;
    }

    /// <summary>A fresh folder the postgres user can reach (the tests may run as root).</summary>
    public static string NewDataDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("pq-apphost-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        return directory;
    }

    public Task<ResourceEvent> WaitForAsync(string resource, Func<ResourceEvent, bool> predicate) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, predicate, TestContext.Current.CancellationToken)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

    public Task<ResourceEvent> WaitForTerminalAsync(string resource) =>
        WaitForAsync(resource, e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state));

    /// <summary>The last state of each replica of the resource (each its own process, with its own id), once that many have ended.</summary>
    public async Task<Dictionary<string, CustomResourceSnapshot>> WaitForEveryReplicaTerminalAsync(string resource, int replicas)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        var ended = new Dictionary<string, CustomResourceSnapshot>(StringComparer.Ordinal);
        await foreach (var change in App.ResourceNotifications.WatchAsync(deadline.Token))
        {
            if (change.Resource.Name == resource && change.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state))
            {
                ended[change.ResourceId] = change.Snapshot;
                if (ended.Count == replicas)
                {
                    return ended;
                }
            }
        }

        throw new InvalidOperationException($"only {ended.Count} of {resource}'s {replicas} replicas ended");
    }

    public Task WaitForHealthyAsync(string resource) =>
        App.ResourceNotifications.WaitForResourceHealthyAsync(resource, TestContext.Current.CancellationToken)
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

    public async Task AssertFinishedWithZeroAsync(string resource)
    {
        var snapshot = (await WaitForTerminalAsync(resource)).Snapshot;
        Assert.True(snapshot is { ExitCode: 0 } && snapshot.State?.Text == KnownResourceStates.Finished,
            $"{resource}: {snapshot.State?.Text} (exit {snapshot.ExitCode})\n{string.Join('\n', await ConsoleAsync(resource))}");
    }

    /// <summary>The api's <c>/quality/distribution</c> total.</summary>
    public async Task<long> DistributionTotalAsync()
    {
        using var client = App.CreateHttpClient("api");
        var distribution = await client.GetFromJsonAsync<JsonElement>("/quality/distribution", TestContext.Current.CancellationToken);
        return distribution.GetProperty("total").GetInt64();
    }

    /// <summary>What the resource wrote to its console so far.</summary>
    public async Task<IReadOnlyList<string>> ConsoleAsync(string resource)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var lines = new List<string>();
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model.Resources.Single(r => r.Name == resource)))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return lines;
    }

    /// <summary>The answers the resource wrote to its console so far (a tool run with <c>--output json</c>).</summary>
    public async Task<IReadOnlyList<ToolAnswer>> AnswersAsync(string resource) =>
        [.. (await ConsoleAsync(resource)).Select(line => ToolAnswers.TryFind(line, resource, out var answer) ? answer : null).OfType<ToolAnswer>()];

    /// <summary>The summary of the backfill's own run (its last one).</summary>
    public async Task<BackfillSummaryAnswer> BackfillSummaryAsync() =>
        (await AnswersAsync("backfill")).OfType<BackfillSummaryAnswer>().LastOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"the backfill wrote no summary:\n{string.Join('\n', await ConsoleAsync("backfill"))}");

    /// <summary>The tool's answer a command's outcome carries.</summary>
    public static T AnswerOf<T>(ExecuteCommandResult result) where T : ToolAnswer =>
        Assert.IsType<T>(ToolAnswers.Read(result.Data?.Value ?? throw new Xunit.Sdk.XunitException($"no data with '{result.Message}'"), "command"));

    /// <summary>The variables Aspire gives the resource's process (for one that may have ended already).</summary>
    public async Task<Dictionary<string, string>> EnvironmentGivenToAsync(string resource)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var configuration = await ExecutionConfigurationBuilder.Create(model.Resources.Single(r => r.Name == resource))
            .WithEnvironmentVariablesConfig()
            .BuildAsync(App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, TestContext.Current.CancellationToken);
        return configuration.EnvironmentVariables.ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    /// <summary>The variables the resource's process was started with, as /proc shows them.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(string resource)
    {
        var snapshot = App.ResourceNotifications.TryGetCurrentState(resource, out var e) ? e.Snapshot : null;
        var pid = snapshot?.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal) && p.Value is not (null or ""))?.Value
            ?? throw new InvalidOperationException($"{resource} has no process id");
        return ProcessTree.EnvironmentOf(Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await App.StopAsync(TestContext.Current.CancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await App.DisposeAsync();
        Environment.SetEnvironmentVariable(OurProcesses.MarkerVariable, null);
        if (ownsDataDirectory)
        {
            // Wait for PostgreSQL to let go of its folder before removing it.
            await Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20));
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
