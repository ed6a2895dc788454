using System.Text;
using PatternQuality.AppHost.Dashboard.Telemetry;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>The instruments each resource reports, with how many data points arrived; charts may follow.</summary>
internal static class MetricsPage
{
    public static string Render(TelemetryStore store)
    {
        var rows = new StringBuilder();
        foreach (var metric in store.Metrics())
        {
            rows.Append($"<tr><td>{E(metric.Service)}</td><td>{E(metric.Name)}</td><td>{E(metric.Unit)}</td><td>{metric.DataPoints}</td><td>{Time(metric.LastSeen)}</td><td>{E(metric.Description)}</td></tr>");
        }

        return $"""
            <h1>Metrics</h1>
            <table id="metrics"><thead><tr><th>Resource</th><th>Instrument</th><th>Unit</th><th>Data points</th><th>Last received</th><th>Description</th></tr></thead><tbody>{rows}</tbody></table>
            """;
    }
}
