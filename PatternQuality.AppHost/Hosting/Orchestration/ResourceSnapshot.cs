namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>The lifecycle states Aspire defines, with the same names.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Finished = "Finished";
    public const string Exited = "Exited";
    public const string FailedToStart = "FailedToStart";
    public const string Stopping = "Stopping";

    public static readonly IReadOnlySet<string> Terminal = new HashSet<string> { Finished, Exited, FailedToStart };
}

public enum ResourceHealth
{
    Unhealthy,
    Healthy,
}

/// <summary>One resource as it is now: state, health, process, endpoints, and why it failed when it did.</summary>
public sealed record ResourceSnapshot
{
    public required string Name { get; init; }

    public required string ResourceType { get; init; }

    public string State { get; init; } = KnownResourceStates.NotStarted;

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? StopTime { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Null when the resource has no health check; a Running resource without one counts as healthy.</summary>
    public ResourceHealth? Health { get; init; }

    public int? ProcessId { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>How it runs (local process, container, existing server) and other facts for people.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Why it failed, or why it is not started.</summary>
    public string? Message { get; init; }

    public bool IsTerminal => KnownResourceStates.Terminal.Contains(State);

    public bool IsReady => State == KnownResourceStates.Running && Health is null or ResourceHealth.Healthy;
}
