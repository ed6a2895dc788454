using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Where a run reports: each collection's progress, the progress of a run shared by workers, the coverage measured after
/// it, and lines for people.
/// </summary>
public sealed record RunReports(ProgressReporter Collections, Action<RunProgressAnswer> Run, Action<CoverageAnswer> Coverage, TextWriter Text)
{
    public static RunReports For(CommandOutput answers, TextWriter output) => new(
        ProgressReporter.For(answers, output), Answer<RunProgressAnswer>(answers), Answer<CoverageAnswer>(answers), answers.Text);

    /// <summary>In JSON mode the answer itself, otherwise its headline for people.</summary>
    public static Action<T> Answer<T>(CommandOutput answers) where T : ToolAnswer =>
        answers.IsJson ? answers.Answer : answer => answers.Text.WriteLine(answer.Headline());
}
