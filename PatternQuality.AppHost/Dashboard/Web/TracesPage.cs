using System.Text;
using PatternQuality.AppHost.Dashboard.Telemetry;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>Traces newest first: root span, resources, duration, spans and errors; filtered by resource and text.</summary>
internal static class TracesPage
{
    public const int PageSize = 100;

    public static string Render(TelemetryStore store, string? resource, string? text, int page)
    {
        var (traces, matching) = store.Traces(resource, text, page * PageSize, PageSize);
        var rows = new StringBuilder();
        foreach (var trace in traces)
        {
            rows.Append($"""
                <tr data-trace-id="{E(trace.TraceId)}">
                <td>{Time(trace.Start)}</td>
                <td><a class="root" href="/traces/{Url(trace.TraceId)}">{E(trace.RootService)}: {E(trace.RootName)}</a></td>
                <td>{E(string.Join(", ", trace.Services))}</td>
                <td>{Duration(trace.Duration)}</td>
                <td class="spans">{trace.SpanCount}</td>
                <td class="{(trace.ErrorCount > 0 ? "error" : "")}">{trace.ErrorCount}</td>
                </tr>
                """);
        }

        var services = string.Concat(store.Services().Select(s => $"<option{(s == resource ? " selected" : "")}>{E(s)}</option>"));
        var query = $"resource={Url(resource)}&text={Url(text)}";
        var pager = (page > 0 ? $"<a href=\"/traces?{query}&page={page - 1}\">newer</a> " : "")
            + ((page + 1) * PageSize < matching ? $"<a href=\"/traces?{query}&page={page + 1}\">older</a>" : "");
        return $"""
            <h1>Traces</h1>
            <form class="filters" method="get" action="/traces">
            <select name="resource"><option value="">all resources</option>{services}</select>
            <input name="text" placeholder="span name or attribute" value="{E(text)}"><button>Filter</button>
            </form>
            <p>{matching} trace(s){(matching > PageSize ? $", {page * PageSize + 1}-{page * PageSize + traces.Count} shown" : "")} {pager}</p>
            <table id="traces"><thead><tr><th>Started</th><th>Root</th><th>Resources</th><th>Duration</th><th>Spans</th><th>Errors</th></tr></thead><tbody>{rows}</tbody></table>
            """;
    }
}
