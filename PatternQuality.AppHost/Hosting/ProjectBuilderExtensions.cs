using System.Text.Json;

namespace PatternQuality.AppHost.Hosting;

public static class ProjectBuilderExtensions
{
    /// <summary>
    /// A project of the solution by path (relative to the AppHost project). Like Aspire, its HTTP
    /// endpoint and port come from the first "Project" profile of Properties/launchSettings.json.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        var project = builder.AddResource(new ProjectResource(name, fullPath));
        if (LaunchProfilePort(fullPath) is { } port)
        {
            project.WithHttpEndpoint(port);
        }

        return project;
    }

    private static int? LaunchProfilePort(string projectPath)
    {
        var settings = Path.Combine(Path.GetDirectoryName(projectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(settings))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(settings));
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return null;
        }

        foreach (var profile in profiles.EnumerateObject().Select(p => p.Value))
        {
            if (profile.TryGetProperty("commandName", out var command) && command.GetString() == "Project"
                && profile.TryGetProperty("applicationUrl", out var urls))
            {
                var http = urls.GetString()?.Split(';').Select(u => new Uri(u)).FirstOrDefault(u => u.Scheme == "http");
                return http?.Port;
            }
        }

        return null;
    }
}
