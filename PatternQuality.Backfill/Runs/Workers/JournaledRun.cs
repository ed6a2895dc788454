using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Backfill.Runs.Modes;
using PatternQuality.Contracts.Runs;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>
/// This process as one worker of a run in the journal, alone or beside others given the same run name: it joins (or
/// starts, or resumes) the run, scores segments with a <see cref="RunWorker"/>, and reports the run's progress as the
/// journal holds it across every worker.
/// </summary>
public sealed class JournaledRun(Invocation invocation, ScoreDatabase database, RunJournal journal)
{
    private readonly WorkerIdentity worker = WorkerIdentity.ForThisProcess(invocation.Options.WorkerIndex);

    private TextWriter Output => invocation.Reports.Text;

    public async Task<RunOutcome> RunAsync(RunCollections collections, Activity? activity, CancellationToken cancellationToken)
    {
        var retry = invocation.DatabaseRetry;
        var options = invocation.Options;
        await using var membership = await retry.ExecuteAsync(async ct => await RunMembership.JoinAsync(database.DataSource, options, ct), cancellationToken);
        var run = membership.Run;
        activity?.SetTag("backfill.run_id", run.Id);
        activity?.SetTag("backfill.worker", worker.Name);
        if (membership.AlreadyComplete)
        {
            Output.WriteLine($"backfill run {RunText(run)} is already complete; nothing to do");
            return new RunOutcome(run.Id, RunStatus.Completed, await retry.ExecuteAsync(async ct => await journal.ReadTotalsAsync(run.Id, ct), cancellationToken));
        }

        Output.WriteLine(membership.Created
            ? $"backfill run {RunText(run)} started over {string.Join(", ", options.Collections)} in {run.Collections.Count} segments, as {worker.Name}"
            : $"{(run.Status == RunStatus.Running && run.Name is not null ? "joining" : "resuming")} backfill run {RunText(run)} (started {run.StartedAt:u}, was {run.Status}, "
              + $"{run.Collections.Sum(c => c.Processed)} patterns already processed), as {worker.Name}");
        foreach (var collection in run.Collections.Select(c => c.Collection).Distinct().Where(c => !collections.Present.Contains(c)))
        {
            await retry.ExecuteAsync(async ct => await journal.MarkCollectionAsync(run.Id, collection, SegmentStatus.Missing, null, ct), cancellationToken);
        }

        var reporter = new RunProgressReporter(
            new RunProgressReader(database.DataSource, run.Id), membership, invocation.Reports.Run, TimeSpan.FromSeconds(2), invocation.Logger);
        using var stopReporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = reporter.FollowAsync(stopReporting.Token);
        string status;
        var runWorker = new RunWorker(invocation, database, journal, run.Id, worker);
        try
        {
            var complete = await runWorker.RunAsync(activity, cancellationToken);
            status = complete ? RunStatus.Completed : RunStatus.Partial;
            if (!complete && await retry.ExecuteAsync(async ct => await membership.WorkersAsync(ct), cancellationToken) == 1)
            {
                await retry.ExecuteAsync(async ct => await journal.FinishAsync(run.Id, status, null, ct), cancellationToken);
            }
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(membership, run.Id, ex);
            throw;
        }
        finally
        {
            await stopReporting.CancelAsync();
            await reporting;
        }

        await retry.ExecuteAsync(async ct => await reporter.FinalAsync(ct), cancellationToken);
        return new RunOutcome(run.Id, status, await retry.ExecuteAsync(async ct => await journal.ReadTotalsAsync(run.Id, ct), cancellationToken))
        {
            EndedHere = runWorker.EndedTheRun,
        };
    }

    private static string RunText(RunRecord run) => run.Name is null ? run.Id.ToString() : $"{run.Name} ({run.Id})";

    /// <summary>A failure ends the run only when this worker is its last; otherwise the others carry on, and its lease expires.</summary>
    private async Task RecordFailureAsync(RunMembership membership, Guid runId, Exception failure)
    {
        try
        {
            if (await membership.WorkersAsync(CancellationToken.None) > 1)
            {
                return;
            }

            var reason = failure is OperationCanceledException ? "interrupted" : failure.Message.ReplaceLineEndings(" ");
            await invocation.DatabaseRetry.ExecuteAsync(async ct => await journal.FinishAsync(runId, RunStatus.Failed, reason, ct), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The run stays running in the journal; the next worker resumes it all the same.
            invocation.Logger.LogWarning(ex, "Could not record the failure of run {RunId}", runId);
        }
    }
}
