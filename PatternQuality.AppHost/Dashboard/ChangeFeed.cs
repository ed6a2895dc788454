namespace PatternQuality.AppHost.Dashboard;

/// <summary>A version number that moves on every change the pages show, and a way to wait for the next one.</summary>
public sealed class ChangeFeed
{
    private readonly Lock gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Notify()
    {
        TaskCompletionSource completed;
        lock (gate)
        {
            version++;
            completed = next;
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult();
    }

    /// <summary>Completes when the version is past <paramref name="seen"/>.</summary>
    public Task WaitPastAsync(long seen, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return version > seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
        }
    }
}
