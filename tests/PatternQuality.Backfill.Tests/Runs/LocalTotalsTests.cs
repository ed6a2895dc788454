using PatternQuality.Backfill.Runs;

namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>A run without a journal counts in memory, and its segments commit side by side.</summary>
public sealed class LocalTotalsTests
{
    [Fact]
    public async Task Batches_added_from_segments_at_once_are_all_counted()
    {
        var totals = new LocalTotals();
        var batch = new ScoredBatch("c", 0, 0, "1", 10, [], new Dictionary<string, long> { ["invalid_confidence"] = 1 }, new ScoreTotals(), null);
        var outcome = new BatchOutcome(Applied: true, Stored: 2, Unchanged: 3, ForeignKeyRejected: 4, LeaseHeld: true);
        const int Segments = 4, BatchesEach = 20_000;

        await Task.WhenAll(Enumerable.Range(0, Segments).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < BatchesEach; i++)
            {
                totals.Add(batch, outcome);
            }
        })));

        var run = totals.ToRunTotals();
        Assert.Equal(10L * Segments * BatchesEach, run.Processed);
        Assert.Equal(2L * Segments * BatchesEach, run.Stored);
        Assert.Equal(3L * Segments * BatchesEach, run.Unchanged);
        Assert.Equal(5L * Segments * BatchesEach, run.Rejected);
        Assert.Equal(4L * Segments * BatchesEach, run.RejectedByReason["foreign_key_violation"]);
    }
}
