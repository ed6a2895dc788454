using System.Globalization;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// Who holds a lease: the worker's index (JOB_COMPLETION_INDEX or --worker-index), which picks the first segment it
/// tries, and a name unique to this process, so two workers given the same index never pass for each other.
/// </summary>
public sealed record WorkerIdentity(int? Index, string Name)
{
    public static WorkerIdentity ForThisProcess(int? index)
    {
        var suffix = Random.Shared.Next(0, 1 << 24).ToString("x6", CultureInfo.InvariantCulture);
        var process = $"{Environment.MachineName}:{Environment.ProcessId}:{suffix}";
        return new(index, index is { } i ? $"worker {i} {process}" : process);
    }
}
