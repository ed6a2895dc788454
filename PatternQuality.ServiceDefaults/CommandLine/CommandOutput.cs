using PatternQuality.Contracts.Answers;

namespace PatternQuality.ServiceDefaults.CommandLine;

/// <summary>
/// Where a command's output goes: with <c>--output text</c> (the default) its lines for people, with <c>--output json</c>
/// its <see cref="ToolAnswer"/>s, one per line, and nothing else, so that a program reads stdout without parsing prose.
/// </summary>
public sealed class CommandOutput(TextWriter stdout, bool json)
{
    public bool IsJson => json;

    /// <summary>Lines for people: stdout in text mode, nowhere in JSON mode.</summary>
    public TextWriter Text { get; } = json ? TextWriter.Null : stdout;

    /// <summary>Writes the answer in JSON mode; in text mode the command's own lines have said it.</summary>
    public void Answer(ToolAnswer answer)
    {
        if (json)
        {
            ToolAnswers.Write(stdout, answer);
        }
    }
}
