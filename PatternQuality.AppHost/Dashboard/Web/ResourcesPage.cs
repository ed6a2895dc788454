using System.Text;
using PatternQuality.AppHost.Hosting;
using PatternQuality.AppHost.Hosting.Orchestration;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>Every resource: type, state, start time, endpoints, exit code, health, and its actions.</summary>
internal static class ResourcesPage
{
    public static string Render(DistributedApplicationModel model, ResourceNotificationService notifications)
    {
        var rows = new StringBuilder();
        foreach (var snapshot in model.Resources.Select(r => notifications.TryGet(r.Name)).OfType<ResourceSnapshot>())
        {
            var urls = string.Join(" ", snapshot.Urls.Select(u => u.StartsWith("http", StringComparison.Ordinal)
                ? $"<a href=\"{E(u)}\">{E(u)}</a>" : E(u)));
            var health = snapshot.State == KnownResourceStates.Running ? snapshot.Health?.ToString() ?? "" : "";
            var runsAs = snapshot.Properties.TryGetValue("runs as", out var how) ? how : "";
            rows.Append($"""
                <tr data-resource="{E(snapshot.Name)}">
                <td class="name">{E(snapshot.Name)}</td><td>{E(snapshot.ResourceType)}</td>
                <td class="state state-{E(snapshot.State)}">{E(snapshot.State)}</td>
                <td>{(snapshot.StartTime is { } start ? Time(start) : "")}</td>
                <td>{urls}</td>
                <td class="exit-code">{snapshot.ExitCode}</td>
                <td class="health">{E(health)}</td>
                <td>{E(snapshot.Message ?? runsAs)}</td>
                <td>{Actions(snapshot)} <a href="/console/{Url(snapshot.Name)}">console</a></td>
                </tr>
                """);
        }

        return $"""
            <h1>Resources</h1>
            <table id="resources">
            <thead><tr><th>Name</th><th>Type</th><th>State</th><th>Started</th><th>Endpoints</th><th>Exit code</th><th>Health</th><th>Details</th><th>Actions</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """;
    }

    private static string Actions(ResourceSnapshot snapshot)
    {
        if (snapshot.ResourceType == "PostgresDatabase" || snapshot.Properties.GetValueOrDefault("runs as", "").StartsWith("an existing", StringComparison.Ordinal))
        {
            return "";
        }

        var actions = snapshot.State switch
        {
            KnownResourceStates.Running => new[] { "stop", "restart" },
            KnownResourceStates.Finished or KnownResourceStates.Exited or KnownResourceStates.FailedToStart => ["start"],
            _ => [],
        };
        return string.Concat(actions.Select(action =>
            $"<form class=\"inline\" method=\"post\" action=\"/resources/{Url(snapshot.Name)}/{action}\"><button name=\"action\" value=\"{action}\">{action}</button></form> "));
    }
}
