using System.Globalization;
using System.Text.RegularExpressions;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Tools;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Backfill.Runs.Workers;

/// <summary>The run name and worker index, from their options or the environment a Job gives its pods.</summary>
public static partial class WorkerSettings
{
    public static string? RunName(string? flag)
    {
        var name = string.IsNullOrWhiteSpace(flag) ? Environment.GetEnvironmentVariable(WorkerVariables.RunName) : flag;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return RunNamePattern().IsMatch(name)
            ? name
            : throw new InvalidSettingException($"{BackfillArguments.RunName} (or {WorkerVariables.RunName}) must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    public static int? WorkerIndex(int? flag)
    {
        if (flag is not null)
        {
            return flag;
        }

        var text = Environment.GetEnvironmentVariable(WorkerVariables.CompletionIndex);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new InvalidSettingException($"{WorkerVariables.CompletionIndex} must be a whole number of 0 or more, not '{text}'");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex RunNamePattern();
}
