using System.Diagnostics;
using System.Globalization;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Progress of a collection: a redrawn bar when a person watches a terminal, otherwise a
/// line every few seconds (CI logs, the dashboard's console view, which the AppHost reads back).
/// </summary>
public sealed class ProgressReporter(TextWriter output, bool interactive, TimeSpan interval)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastLine = TimeSpan.Zero;
    private bool barShown;

    public static ProgressReporter ForConsole(TextWriter output) =>
        new(output, !Console.IsOutputRedirected && output == Console.Out, TimeSpan.FromSeconds(5));

    public void Report(ProgressLine progress)
    {
        if (interactive)
        {
            var (done, total) = (progress.Done, progress.Total);
            var fraction = total is > 0 ? Math.Min(1.0, (double)done / total.Value) : 0;
            var filled = (int)(fraction * 30);
            var rate = progress.PatternsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
            output.Write($"\r{progress.Collection,-20} [{new string('#', filled)}{new string('.', 30 - filled)}] {done}/{total?.ToString(CultureInfo.InvariantCulture) ?? "?"} {rate}/s ");
            barShown = true;
            return;
        }

        if (clock.Elapsed - lastLine >= interval || progress.Done == progress.Total)
        {
            lastLine = clock.Elapsed;
            output.WriteLine(progress.Format());
        }
    }

    public void EndCollection()
    {
        if (barShown)
        {
            output.WriteLine();
            barShown = false;
        }
    }
}
