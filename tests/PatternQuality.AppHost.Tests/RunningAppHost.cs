using System.Collections.Concurrent;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// The real app model (PatternQuality.AppHost's Program.cs) built by the testing entry point and
/// started, remembering every process it ran so a test can prove none is left after disposal.
/// </summary>
public sealed class RunningAppHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, string> processes = new();
    private readonly CancellationTokenSource watching = new();
    private Task watch = Task.CompletedTask;

    private RunningAppHost(DistributedApplication app) => App = app;

    public DistributedApplication App { get; }

    public IReadOnlyDictionary<int, string> ProcessesSeen => processes;

    public static async Task<RunningAppHost> StartAsync(string[] args, Action<IDistributedApplicationTestingBuilder>? arrange = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<PatternQuality.AppHost.AppHostAssembly>(args, TestContext.Current.CancellationToken);
        arrange?.Invoke(builder);
        var running = new RunningAppHost(await builder.BuildAsync(TestContext.Current.CancellationToken));
        running.watch = running.WatchProcessesAsync();
        await running.App.StartAsync(TestContext.Current.CancellationToken);
        return running;
    }

    public Task<ResourceSnapshot> WaitForAsync(string resource, Func<ResourceSnapshot, bool> predicate) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, predicate, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

    public Task<ResourceSnapshot> WaitForTerminalAsync(string resource) => WaitForAsync(resource, s => s.IsTerminal);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await watching.CancelAsync();
        await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Every process the app started, and their children (PostgreSQL's backends), that still run.</summary>
    public IReadOnlyList<string> Survivors() =>
        processes.Keys.SelectMany(pid => ProcessTree.Descendants(pid).Prepend(pid))
            .Where(ProcessTree.IsAlive)
            .Select(pid => $"{pid} ({processes.GetValueOrDefault(pid, "child")})")
            .ToList();

    private async Task WatchProcessesAsync()
    {
        await foreach (var snapshot in App.ResourceNotifications.WatchAsync(watching.Token))
        {
            if (snapshot.ProcessId is { } pid)
            {
                processes[pid] = snapshot.Name;
                foreach (var child in ProcessTree.Descendants(pid))
                {
                    processes.TryAdd(child, $"{snapshot.Name} child");
                }
            }
        }
    }
}
