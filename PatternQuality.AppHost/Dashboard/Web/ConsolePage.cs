using System.Text;
using PatternQuality.AppHost.Hosting;
using PatternQuality.AppHost.Hosting.Orchestration;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>A resource's console output, live, newest at the bottom.</summary>
internal static class ConsolePage
{
    public const int LinesShown = 2_000;

    public static string Render(DistributedApplicationModel model, ResourceLoggerService logs, string? resource)
    {
        var picker = string.Join(" ", model.Resources.Where(r => r is not ParameterResource)
            .Select(r => $"<a href=\"/console/{Url(r.Name)}\"{(r.Name == resource ? " class=\"active\"" : "")}>{E(r.Name)}</a>"));
        if (resource is null)
        {
            return $"<h1>Console</h1><p class=\"filters\">{picker}</p><p>Pick a resource.</p>";
        }

        var text = new StringBuilder();
        foreach (var line in logs.GetLines(resource).TakeLast(LinesShown))
        {
            text.Append(line.IsError ? "<span class=\"err\">" : "<span>").Append(E(Time(line.Timestamp))).Append(' ').Append(E(line.Text)).Append("</span>\n");
        }

        return $"""
            <h1>Console: {E(resource)}</h1>
            <p class="filters">{picker}</p>
            <pre class="console" id="console" data-resource="{E(resource)}">{text}</pre>
            """;
    }
}
