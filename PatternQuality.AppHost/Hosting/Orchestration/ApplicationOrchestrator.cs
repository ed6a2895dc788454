using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatternQuality.AppHost.Dashboard;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// Runs the model: each resource waits for what it waits for, starts, is probed for health, and
/// its exit is recorded, with Aspire's states. Stopping stops every started resource, dependents
/// first, and leaves the data folder for the next run.
/// </summary>
internal sealed class ApplicationOrchestrator(
    DistributedApplicationModel model,
    IConfiguration configuration,
    IOptions<AppHostOptions> options,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IHttpClientFactory httpClients,
    IHostEnvironment hostEnvironment,
    DashboardEndpoints dashboard,
    ILogger<ApplicationOrchestrator> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<IResource, ResourceWorkload> workloads = [];
    private readonly Lock gate = new();
    private readonly List<Task> runs = [];
    private ProcessJournal? journal;
    private WorkloadLauncher? launcher;

    public string? DataDirectory { get; private set; }

    /// <summary>The running values (parameters, endpoints, connection strings), once started.</summary>
    internal RuntimeValues? Values { get; private set; }

    private IEnumerable<IResource> Runnable => model.Resources.Where(r => r is not ParameterResource);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        DataDirectory = settings.ResolveDataDirectory();
        Directory.CreateDirectory(DataDirectory);
        logs.UseLogDirectory(Path.Combine(DataDirectory, "logs"));
        journal = new ProcessJournal(Path.Combine(DataDirectory, "processes.json"));
        foreach (var leftover in await journal.StopLeftoversAsync(cancellationToken))
        {
            logger.LogWarning("stopped {Process}, left running by an AppHost that did not stop", leftover);
        }

        var values = new RuntimeValues(model, configuration, new LocalSecrets(Path.Combine(DataDirectory, "secrets.json")), settings.RandomizePorts);
        Values = values;
        var containerCli = await ContainerRuntime.DetectAsync(settings.ContainerRuntime, reason => logger.LogDebug("{Reason}", reason), cancellationToken);
        var otlp = !string.IsNullOrWhiteSpace(settings.OtlpEndpoint) ? new OtlpTarget(settings.OtlpEndpoint, null)
            : dashboard.OtlpUrl is { } receiver ? new OtlpTarget(receiver, dashboard.OtlpApiKey)
            : null;
        launcher = new WorkloadLauncher(model, values, settings, DataDirectory, containerCli,
            new ProjectOutputs(AppHostMetadata.ProjectDirectory, AppHostMetadata.Configuration), hostEnvironment, logs, otlp);

        foreach (var resource in Runnable)
        {
            notifications.Publish(resource.Name, _ => new ResourceSnapshot
            {
                Name = resource.Name,
                ResourceType = ResourceTypes.Of(resource),
                Urls = values.IsExternal(resource) ? [] : resource.Endpoints().Where(e => e.Allocated is not null).Select(e => e.Allocated!.Url).ToList(),
            });
        }

        foreach (var resource in Runnable)
        {
            runs.Add(Task.Run(() => RunAsync(resource, values, waits: true, stopping.Token), CancellationToken.None));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        logger.LogInformation("stopping the resources this AppHost started; the data stays in {DataDirectory}", DataDirectory);
        foreach (var resource in StopOrder())
        {
            ResourceWorkload? workload;
            lock (gate)
            {
                workloads.Remove(resource, out workload);
            }

            if (workload is null)
            {
                continue;
            }

            if (notifications.TryGet(resource.Name) is { IsTerminal: false })
            {
                notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.Stopping });
            }

            try
            {
                await workload.StopAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning("stopping {Resource} failed: {Reason}", resource.Name, ex.Message);
            }

            if (workload.Process is null)
            {
                notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.Exited, StopTime = DateTimeOffset.UtcNow, Health = null });
            }
        }

        Task[] all;
        lock (gate)
        {
            all = [.. runs];
        }

        await Task.WhenAll(all).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The dashboard's actions: stop, start or restart one resource; null when done, else why not.</summary>
    public async Task<string?> ExecuteCommandAsync(string name, string action)
    {
        var resource = model.Resources.FirstOrDefault(r => r.Name == name && r is not ParameterResource);
        if (resource is null)
        {
            return $"there is no resource named '{name}'";
        }

        if (Values is not { } values || launcher is null)
        {
            return "the AppHost has not started its resources";
        }

        if (resource is PostgresDatabaseResource || values.IsExternal(resource))
        {
            return $"'{name}' is not a process this AppHost runs";
        }

        switch (action)
        {
            case "stop":
                return await StopOneAsync(resource) ? null : $"'{name}' is not running";
            case "start":
                return StartOne(resource, values) ? null : $"'{name}' is {notifications.TryGet(name)?.State}: only an ended resource can be started";
            case "restart":
                await StopOneAsync(resource);
                return StartOne(resource, values) ? null : $"'{name}' did not stop";
            default:
                return $"unknown action '{action}': use start, stop or restart";
        }
    }

    private async Task<bool> StopOneAsync(IResource resource)
    {
        ResourceWorkload? workload;
        lock (gate)
        {
            workloads.TryGetValue(resource, out workload);
        }

        if (workload?.Process is null)
        {
            return false;
        }

        notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.Stopping });
        await workload.StopAsync();
        await notifications.WaitForResourceAsync(resource.Name, s => s.IsTerminal).WaitAsync(TimeSpan.FromMinutes(1));
        return true;
    }

    private bool StartOne(IResource resource, RuntimeValues values)
    {
        if (notifications.TryGet(resource.Name) is not { IsTerminal: true })
        {
            return false;
        }

        lock (gate)
        {
            runs.Add(Task.Run(() => RunAsync(resource, values, waits: false, stopping.Token), CancellationToken.None));
        }

        return true;
    }

    private async Task RunAsync(IResource resource, RuntimeValues values, bool waits, CancellationToken cancellationToken)
    {
        try
        {
            if (resource is PostgresServerResource server && !values.IsExternal(server)
                && model.Resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == server).ToList() is { Count: > 0 } databases
                && databases.All(values.IsExternal))
            {
                notifications.Publish(resource.Name, s => s! with { Message = "not needed: its databases are given by ConnectionStrings" });
                return;
            }

            if (waits && await WaitForDependenciesAsync(resource, values, cancellationToken) is { } reason)
            {
                Fail(resource, reason);
                return;
            }

            notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.Starting });
            ResourceWorkload workload;
            try
            {
                workload = await launcher!.StartAsync(resource, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(resource, ex.Message);
                return;
            }

            lock (gate)
            {
                workloads[resource] = workload;
            }

            if (workload.Process is { } started)
            {
                journal?.Add(started.ProcessId, resource.Name);
            }

            notifications.Publish(resource.Name, s => s! with
            {
                State = KnownResourceStates.Running,
                StartTime = DateTimeOffset.UtcNow,
                StopTime = null,
                ExitCode = null,
                Message = null,
                ProcessId = workload.Process?.ProcessId,
                Properties = workload.Properties,
                Urls = workload.Urls ?? s.Urls,
                Health = HealthProbes.For(resource, values, httpClients) is null ? null : ResourceHealth.Unhealthy,
            });

            await MonitorAsync(resource, workload, values, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (notifications.TryGet(resource.Name) is { State: KnownResourceStates.Waiting or KnownResourceStates.NotStarted })
            {
                notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.NotStarted, Message = "the AppHost stopped before this resource started" });
            }
        }
        catch (Exception ex)
        {
            // A fault of the engine itself: say so rather than leave the resource in a state that never changes.
            logger.LogError(ex, "the AppHost lost track of {Resource}", resource.Name);
            notifications.Publish(resource.Name, s => s! with
            {
                State = s.StartTime is null ? KnownResourceStates.FailedToStart : KnownResourceStates.Exited,
                Message = $"the AppHost lost track of it: {ex.Message}",
            });
        }
    }

    /// <summary>Null when every wait is satisfied; else why the resource cannot start.</summary>
    private async Task<string?> WaitForDependenciesAsync(IResource resource, RuntimeValues values, CancellationToken cancellationToken)
    {
        var waits = resource.AnnotationsOf<WaitAnnotation>().ToList();
        if (resource is PostgresDatabaseResource database && !values.IsExternal(database))
        {
            waits.Insert(0, new WaitAnnotation(database.Parent, WaitType.WaitUntilHealthy));
        }

        if (waits.Count == 0)
        {
            return null;
        }

        notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.Waiting });
        foreach (var wait in waits)
        {
            var dependency = await notifications.WaitForResourceAsync(wait.Resource.Name, s => wait.WaitType == WaitType.WaitUntilHealthy
                ? s.IsReady || s.IsTerminal || s.Message is not null && s.State == KnownResourceStates.NotStarted
                : s.IsTerminal, cancellationToken);
            var failure = dependency.State == KnownResourceStates.FailedToStart ? $"'{dependency.Name}' failed to start"
                : wait.WaitType == WaitType.WaitUntilHealthy
                    ? dependency.IsReady ? null : $"'{dependency.Name}' is {dependency.State}{ExitCodeOf(dependency)} and will not become healthy"
                : dependency.ExitCode != wait.ExitCode ? $"'{dependency.Name}' exited with code {dependency.ExitCode}, not {wait.ExitCode}"
                : null;
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private async Task MonitorAsync(IResource resource, ResourceWorkload workload, RuntimeValues values, CancellationToken cancellationToken)
    {
        using var monitoring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var health = HealthProbes.For(resource, values, httpClients) is { } probe
            ? ProbeAsync(resource, probe, monitoring.Token)
            : Task.CompletedTask;
        if (workload.Process is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        var exitCode = await workload.Process.Exited;
        journal?.Remove(workload.Process.ProcessId);
        await monitoring.CancelAsync();
        await health.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (gate)
        {
            workloads.Remove(resource);
        }

        notifications.Publish(resource.Name, s => s! with
        {
            State = resource is ProjectResource ? KnownResourceStates.Finished : KnownResourceStates.Exited,
            ExitCode = exitCode,
            StopTime = DateTimeOffset.UtcNow,
            Health = null,
            ProcessId = null,
            Message = exitCode != 0 && !cancellationToken.IsCancellationRequested ? LastErrorLine(resource) : null,
        });
    }

    private async Task ProbeAsync(IResource resource, Func<CancellationToken, Task<string?>> probe, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var problem = await probe(cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var health = problem is null ? ResourceHealth.Healthy : ResourceHealth.Unhealthy;
            if (notifications.TryGet(resource.Name) is { State: KnownResourceStates.Running } current && (current.Health != health || current.Message != problem))
            {
                notifications.Publish(resource.Name, s => s! with { Health = health, Message = problem });
            }

            await Task.Delay(health == ResourceHealth.Healthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(250), cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Fail(IResource resource, string reason)
    {
        logger.LogError("{Resource} failed to start: {Reason}", resource.Name, reason);
        notifications.Publish(resource.Name, s => s! with { State = KnownResourceStates.FailedToStart, Message = reason, StopTime = DateTimeOffset.UtcNow });
    }

    private string? LastErrorLine(IResource resource) =>
        logs.GetLines(resource.Name).LastOrDefault(line => line.IsError)?.Text;

    private static string ExitCodeOf(ResourceSnapshot dependency) => dependency.ExitCode is { } code ? $" (exit code {code})" : "";

    /// <summary>Dependents before what they depend on.</summary>
    private List<IResource> StopOrder()
    {
        var order = new List<IResource>();
        var seen = new HashSet<IResource>();
        void Visit(IResource resource)
        {
            if (!seen.Add(resource))
            {
                return;
            }

            foreach (var dependency in ModelValidation.Dependencies(resource))
            {
                Visit(dependency);
            }

            order.Add(resource);
        }

        foreach (var resource in Runnable)
        {
            Visit(resource);
        }

        order.Reverse();
        return order;
    }
}

internal static class ResourceTypes
{
    public static string Of(IResource resource) => resource switch
    {
        PostgresServerResource => "PostgresServer",
        PostgresDatabaseResource => "PostgresDatabase",
        QdrantServerResource => "Qdrant",
        ProjectResource => "Project",
        ParameterResource => "Parameter",
        _ => resource.GetType().Name,
    };
}
