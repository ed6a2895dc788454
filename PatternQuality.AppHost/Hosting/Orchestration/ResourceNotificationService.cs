using System.Threading.Channels;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>The current snapshot of every resource, and a stream of their changes to wait on or watch.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Broadcast<ResourceSnapshot> changes;

    public ResourceNotificationService() =>
        changes = new(gate, () => Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true }));

    public IReadOnlyList<ResourceSnapshot> Current
    {
        get
        {
            lock (gate)
            {
                return [.. snapshots.Values];
            }
        }
    }

    public ResourceSnapshot? TryGet(string name)
    {
        lock (gate)
        {
            return snapshots.GetValueOrDefault(name);
        }
    }

    public ResourceSnapshot Publish(string name, Func<ResourceSnapshot?, ResourceSnapshot> update)
    {
        lock (gate)
        {
            var snapshot = update(snapshots.GetValueOrDefault(name));
            snapshots[name] = snapshot;
            changes.Send(snapshot);

            return snapshot;
        }
    }

    /// <summary>Every snapshot now, then each change as it happens.</summary>
    public IAsyncEnumerable<ResourceSnapshot> WatchAsync(CancellationToken cancellationToken = default) =>
        changes.WatchAsync(() => [.. snapshots.Values], cancellationToken);

    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        await foreach (var snapshot in WatchAsync(cancellationToken))
        {
            if (snapshot.Name == name && predicate(snapshot))
            {
                return snapshot;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    public Task<ResourceSnapshot> WaitForResourceAsync(string name, string state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, snapshot => snapshot.State == state, cancellationToken);

    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, snapshot => snapshot.IsReady, cancellationToken);
}
