using System.Diagnostics;
using Npgsql;
using PatternQuality.Backfill.Coverage;
using PatternQuality.Backfill.Runs.Destinations;
using PatternQuality.Backfill.Runs.Workers;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Backfill.Runs.Modes;

/// <summary>
/// Stores the scores: as a worker of a run in the journal (<see cref="JournaledRun"/>), or, on a schema from before the
/// journal (migration 015), one backfill at a time with nothing to resume.
/// </summary>
public sealed class StoringRunMode(Invocation invocation, NpgsqlDataSource dataSource) : IRunMode
{
    public bool DryRun => false;

    public async Task<RunOutcome> RunAsync(RunCollections collections, Activity? runActivity, CancellationToken cancellationToken)
    {
        var journal = new RunJournal(dataSource);
        var retry = invocation.DatabaseRetry;
        var journaled = await retry.ExecuteAsync(async ct => await journal.CheckSchemaAsync(ct), cancellationToken);
        var lineageRequired = await retry.ExecuteAsync(async ct => await journal.LineageForeignKeyPresentAsync(ct), cancellationToken);
        if (lineageRequired)
        {
            invocation.Reports.Text.WriteLine($"note: {SchemaNames.QualityMetrics} still has its foreign key to {SchemaNames.LineageNodes} "
                + "(migration 013 not applied): scores without a lineage node will be rejected");
        }

        var database = new ScoreDatabase(dataSource, lineageRequired);
        if (!journaled)
        {
            return await BeforeJournalAsync(database, journal, collections, cancellationToken);
        }

        var outcome = await new JournaledRun(invocation, database, journal).RunAsync(collections, runActivity, cancellationToken);
        if (outcome.EndedHere)
        {
            await RecordCoverageAsync(outcome.RunId, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Every run that completes measures coverage after it, once: by the worker that ended it, where the schema records it
    /// (migration 020).
    /// </summary>
    private async Task RecordCoverageAsync(Guid? runId, CancellationToken cancellationToken)
    {
        var check = new CoverageCheck(invocation.Qdrant, dataSource);
        if (await invocation.DatabaseRetry.ExecuteAsync(async ct => await check.SchemaReadyAsync(ct), cancellationToken))
        {
            var collections = await CoverageCollections.ExistingAsync(invocation.Qdrant, cancellationToken);
            invocation.Reports.Coverage(await invocation.DatabaseRetry.ExecuteAsync(
                async ct => await check.MeasureAsync(collections, runId, ct), cancellationToken));
        }
    }

    private async Task<RunOutcome> BeforeJournalAsync(ScoreDatabase database, RunJournal journal, RunCollections collections, CancellationToken cancellationToken)
    {
        await using var runLock = await journal.LockAsync(cancellationToken);
        invocation.Reports.Text.WriteLine("note: the database has no run journal (migration 015 not applied): this run stores scores but cannot be resumed");
        var status = await new CollectionPass(invocation, new UpsertedBatches(database)).RunAsync(collections.Present, cancellationToken);
        return new RunOutcome(null, status, invocation.Totals.ToRunTotals());
    }
}
