namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>What started for a resource: a process (or none, for a database or an existing server) and how to stop it.</summary>
internal sealed record ResourceWorkload(ManagedProcess? Process, Func<Task> StopAsync, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>When the workload serves fewer endpoints than the model declares (the local Qdrant store has no gRPC).</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    public static ResourceWorkload Nothing(IReadOnlyDictionary<string, string> properties) => new(null, () => Task.CompletedTask, properties);
}
