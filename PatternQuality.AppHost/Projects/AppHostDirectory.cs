using System.Reflection;

namespace PatternQuality.AppHost.Projects;

/// <summary>The AppHost project's folder, recorded at build time: where project paths start from.</summary>
internal static class AppHostDirectory
{
    public static string Path { get; } = typeof(AppHostDirectory).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AppHostProjectDirectory").Value!;
}
