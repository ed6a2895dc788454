using System.Text;
using PatternQuality.AppHost.Dashboard.Telemetry;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>Log records received over OTLP, newest first, filtered by resource, minimum level and text.</summary>
internal static class StructuredLogsPage
{
    public const int RecordsShown = 500;

    private static readonly (string Name, int Severity)[] Levels =
        [("Trace", 1), ("Debug", 5), ("Information", 9), ("Warning", 13), ("Error", 17), ("Critical", 21)];

    public static string Render(TelemetryStore store, string? resource, string? level, string? text)
    {
        var minimum = Levels.FirstOrDefault(l => l.Name == level).Severity;
        var rows = new StringBuilder();
        foreach (var log in store.Logs(resource, minimum, text, RecordsShown))
        {
            var trace = log.TraceId is null ? "" : $"<a href=\"/traces/{Url(log.TraceId)}\">trace</a>";
            var attributes = string.Join("; ", log.Attributes.Select(a => $"{E(a.Key)}={E(a.Value)}"));
            rows.Append($"<tr><td>{Time(log.Time)}</td><td>{E(log.Service)}</td><td class=\"level-{E(log.Level)}\">{E(log.Level)}</td>"
                + $"<td>{E(log.Category)}</td><td>{E(log.Message)}<br><small>{attributes}</small></td><td>{trace}</td></tr>");
        }

        var services = string.Concat(store.Services().Select(s => $"<option{(s == resource ? " selected" : "")}>{E(s)}</option>"));
        var levels = string.Concat(Levels.Select(l => $"<option{(l.Name == level ? " selected" : "")}>{l.Name}</option>"));
        return $"""
            <h1>Structured logs</h1>
            <form class="filters" method="get" action="/structuredlogs">
            <select name="resource"><option value="">all resources</option>{services}</select>
            <select name="level"><option value="">any level</option>{levels}</select>
            <input name="text" placeholder="text" value="{E(text)}"><button>Filter</button>
            </form>
            <table id="logs"><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Category</th><th>Message</th><th></th></tr></thead><tbody>{rows}</tbody></table>
            """;
    }
}
