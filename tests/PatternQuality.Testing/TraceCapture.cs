using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatternQuality.Testing;

/// <summary>
/// Records the spans of one trace: a root span the test starts, and every span of the named
/// sources beneath it. Tests run in parallel, so spans of other traces are left out.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    private const string TestSourceName = "PatternQuality.Testing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ConcurrentBag<Activity> stopped = [];
    private readonly ActivityListener listener;
    private readonly Activity root;

    public TraceCapture(params string[] sources)
    {
        listener = new ActivityListener
        {
            // By name: TestSource may first be created after this listener, when the field is still null.
            ShouldListenTo = source => source.Name == TestSourceName || sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        root = TestSource.StartActivity("test")!;
    }

    /// <summary>Ends the root span and returns every stopped span of its trace.</summary>
    public IReadOnlyList<Activity> Finish()
    {
        root.Stop();
        return stopped.Where(span => span.TraceId == root.TraceId && span != root).ToList();
    }

    public void Dispose()
    {
        if (!root.IsStopped)
        {
            root.Stop();
        }

        listener.Dispose();
    }
}
