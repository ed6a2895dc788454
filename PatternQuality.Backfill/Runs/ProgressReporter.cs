using System.Diagnostics;
using System.Globalization;
using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Progress of a collection: a redrawn bar when a person watches a terminal, otherwise a line every few seconds
/// (CI logs), or with <c>--output json</c> a <see cref="ProgressAnswer"/> every few seconds (the AppHost reads them).
/// </summary>
public sealed class ProgressReporter(Action<ProgressAnswer> writeLine, TextWriter? terminal, TimeSpan interval)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastLine = TimeSpan.Zero;
    private bool barShown;

    public static ProgressReporter For(CommandOutput answers, TextWriter output)
    {
        var interval = TimeSpan.FromSeconds(5);
        if (answers.IsJson)
        {
            return new(answers.Answer, null, interval);
        }

        var interactive = !Console.IsOutputRedirected && output == Console.Out;
        return new(progress => output.WriteLine(progress.Headline()), interactive ? output : null, interval);
    }

    public void Report(ProgressAnswer progress)
    {
        if (terminal is not null)
        {
            var (done, total) = (progress.Done, progress.Total);
            var fraction = total is > 0 ? Math.Min(1.0, (double)done / total.Value) : 0;
            var filled = (int)(fraction * 30);
            var rate = progress.PatternsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
            terminal.Write($"\r{progress.Collection,-20} [{new string('#', filled)}{new string('.', 30 - filled)}] {done}/{progress.TotalText()} {rate}/s ");
            barShown = true;
            return;
        }

        if (clock.Elapsed - lastLine >= interval || progress.Done == progress.Total)
        {
            lastLine = clock.Elapsed;
            writeLine(progress);
        }
    }

    public void EndCollection()
    {
        if (barShown)
        {
            terminal!.WriteLine();
            barShown = false;
        }
    }
}
