using System.Reflection;

namespace PatternQuality.AppHost.Projects;

/// <summary>The AppHost project's folder and build configuration, recorded at build time: where project paths start from.</summary>
internal static class AppHostDirectory
{
    public static string Path { get; } = Metadata("AppHostProjectDirectory");

    public static string Configuration { get; } = Metadata("AppHostConfiguration");

    private static string Metadata(string key) => typeof(AppHostDirectory).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
