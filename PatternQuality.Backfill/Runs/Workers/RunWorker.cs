using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Contracts.Runs;
using PatternQuality.ServiceDefaults.Telemetry;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// One worker of a run: <see cref="BackfillOptions.Parallel"/> slots, each claiming a segment, scoring it to its end
/// through a <see cref="SegmentPipeline"/> and claiming the next, until no segment is left undone by any worker. A
/// slot whose lease was taken over says so and claims another; a slot with nothing to claim while other workers hold
/// the last segments waits for them (or for their leases to expire), and wakes at once when a slot of its own ends one.
/// </summary>
public sealed class RunWorker(Invocation invocation, ScoreDatabase database, RunJournal journal, Guid runId, WorkerIdentity worker)
{
    private readonly SegmentClaims claims = new(database.DataSource, runId, worker, invocation.Options.Lease);
    private readonly ConcurrentDictionary<string, Lazy<Task>> counted = new(StringComparer.Ordinal);
    private TaskCompletionSource segmentEnded = NewSignal();

    /// <summary>Whether this worker marked the run completed (one worker of a run does).</summary>
    public bool EndedTheRun { get; private set; }

    private TimeSpan Poll => TimeSpan.FromTicks(Math.Clamp(invocation.Options.Lease.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));

    /// <returns>Whether the run is complete (false when this invocation's limit stopped it first).</returns>
    public async Task<bool> RunAsync(Activity? runActivity, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = Enumerable.Range(0, invocation.Options.Parallel)
            .Select(slot => SiblingTasks.CancelOthersOnFailure(SlotAsync((worker.Index ?? 0) * invocation.Options.Parallel + slot, runActivity, stop.Token), stop))
            .ToList();
        return (await Task.WhenAll(slots)).All(complete => complete);
    }

    private async Task<bool> SlotAsync(int first, Activity? runActivity, CancellationToken cancellationToken)
    {
        while (!invocation.Progress.LimitReached)
        {
            // Taken before the claim, so a sibling's segment ending between the claim and the wait is not missed.
            var siblingEnded = Volatile.Read(ref segmentEnded).Task;
            var claim = await invocation.DatabaseRetry.ExecuteAsync(async ct => await claims.ClaimAsync(first, ct), cancellationToken);
            if (claim is null)
            {
                var (done, endedHere) = await invocation.DatabaseRetry.ExecuteAsync(async ct => await claims.CompleteRunAsync(ct), cancellationToken);
                if (done)
                {
                    if (endedHere)
                    {
                        EndedTheRun = true; // only ever set, never read back by a slot: no sibling's write is lost
                    }

                    return true;
                }

                await Task.WhenAny(siblingEnded, Task.Delay(Poll, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            var reachedEnd = await ScoreSegmentAsync(claim, runActivity, cancellationToken);
            Interlocked.Exchange(ref segmentEnded, NewSignal()).TrySetResult();
            if (!reachedEnd)
            {
                return false;
            }
        }

        return false;
    }

    /// <returns>False when the limit stopped the segment before its end.</returns>
    private async Task<bool> ScoreSegmentAsync(SegmentClaim claim, Activity? runActivity, CancellationToken cancellationToken)
    {
        var segment = claim.Segment;
        Activity.Current = runActivity;
        using var activity = BackfillTelemetry.Source.StartActivity($"backfill collection {segment.Collection}");
        activity?.SetTag("backfill.collection", segment.Collection);
        activity?.SetTag("backfill.segment", segment.Segment);
        activity?.SetTag("backfill.epoch", claim.Epoch);
        activity?.SetTag("backfill.worker", worker.Name);
        var reachedEnd = false;
        try
        {
            await CountOnceAsync(segment.Collection, cancellationToken);
            var write = new JournaledWrite(runId, claim.Epoch, worker.Name, invocation.Options.Lease);
            reachedEnd = await new SegmentPipeline(invocation, new JournaledBatches(database, write), segment).RunAsync(activity, cancellationToken);
            return reachedEnd;
        }
        catch (LeaseLostException lost)
        {
            invocation.Reports.Text.WriteLine($"{lost.Message}; moving on");
            invocation.Logger.LogWarning("{Reason}; moving on", lost.Message);
            reachedEnd = true;
            return true;
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
        finally
        {
            if (!reachedEnd)
            {
                await ReleaseQuietlyAsync(claim);
            }
        }
    }

    /// <summary>Qdrant's count of a collection, recorded once per worker for the run's total.</summary>
    private Task CountOnceAsync(string collection, CancellationToken cancellationToken) =>
        counted.GetOrAdd(collection, name => new Lazy<Task>(async () =>
        {
            var sourceCount = await invocation.Qdrant.CountAsync(name, cancellationToken);
            await invocation.DatabaseRetry.ExecuteAsync(
                async ct => await journal.MarkCollectionAsync(runId, name, SegmentStatus.Running, sourceCount, ct), cancellationToken);
        })).Value;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ReleaseQuietlyAsync(SegmentClaim claim)
    {
        try
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Its lease expires all the same; another worker claims the segment then.
            invocation.Logger.LogInformation(ex, "Could not release {Collection} segment {Segment}", claim.Segment.Collection, claim.Segment.Segment);
        }
    }
}
