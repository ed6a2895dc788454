using Microsoft.Extensions.Logging;
using PatternQuality.Backfill.Qdrant;
using Polly;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// What every segment of one backfill invocation shares: Qdrant, the options, the limit and what was read against it,
/// this invocation's counters, the database's retry, where it reports and its log.
/// </summary>
public sealed class Invocation(QdrantPatterns qdrant, BackfillOptions options, RunReports reports, ILogger<BackfillRunner> logger)
{
    public QdrantPatterns Qdrant => qdrant;

    public BackfillOptions Options => options;

    public RunReports Reports => reports;

    public ILogger Logger => logger;

    public InvocationProgress Progress { get; } = new(options.Limit);

    public LocalTotals Totals { get; } = new();

    public ResiliencePipeline DatabaseRetry { get; } = Runs.DatabaseRetry.Create(logger);
}
