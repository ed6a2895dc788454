using System.Text.RegularExpressions;
using PatternQuality.AppHost.Dashboard.Telemetry;

namespace PatternQuality.AppHost.Dashboard.Otlp;

/// <summary>
/// A log body that is still a message template ("stored {Count} scores", as the .NET exporter sends
/// it unless told to format) filled in from the record's attributes of the same names.
/// </summary>
internal static partial class LogMessageTemplate
{
    public static string Format(string body, IReadOnlyList<TelemetryAttribute> attributes) =>
        !body.Contains('{', StringComparison.Ordinal) ? body : Placeholder().Replace(body, match =>
            attributes.FirstOrDefault(a => a.Key == match.Groups[1].Value) is { } value ? value.Value : match.Value);

    [GeneratedRegex(@"\{@?([A-Za-z_][A-Za-z0-9_.]*)(?:[,:][^{}]*)?\}")]
    private static partial Regex Placeholder();
}
