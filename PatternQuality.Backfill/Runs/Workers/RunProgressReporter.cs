using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// Reports the run's progress, as the journal holds it across every worker, every few seconds while this worker
/// works, and once more at its end; each read also keeps this worker's hold on the run.
/// </summary>
public sealed class RunProgressReporter(RunProgressReader reader, RunMembership membership, Action<RunProgressAnswer> report, TimeSpan interval, ILogger logger)
{
    public async Task FollowAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await membership.HoldAsync(stopping);
                    report(await reader.ReadAsync(stopping));
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // The batches retry the database on their own; progress waits for it.
                    logger.LogDebug(ex, "Could not read the run's progress");
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async Task FinalAsync(CancellationToken cancellationToken) => report(await reader.ReadAsync(cancellationToken));
}
