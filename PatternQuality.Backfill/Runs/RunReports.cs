using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.Backfill.Runs;

/// <summary>Where a run reports: each collection's progress, the progress of a run shared by workers, and lines for people.</summary>
public sealed record RunReports(ProgressReporter Collections, Action<RunProgressAnswer> Run, TextWriter Text)
{
    public static RunReports For(CommandOutput answers, TextWriter output) => new(
        ProgressReporter.For(answers, output),
        answers.IsJson ? answers.Answer : progress => answers.Text.WriteLine(progress.Headline()),
        answers.Text);
}
