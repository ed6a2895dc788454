namespace PatternQuality.AppHost.Servers;

/// <summary>
/// Where local resources keep their data across runs: <c>AppHost:DataDirectory</c>, else
/// <c>/var/lib/patternquality/apphost</c> as root (the postgres user must reach it; /root is closed to it),
/// else <c>~/.local/share/PatternQuality/AppHost</c>.
/// </summary>
internal static class AppHostData
{
    public static string Directory(IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = builder.Configuration["AppHost:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Environment.UserName == "root"
                ? "/var/lib/patternquality/apphost"
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "PatternQuality", "AppHost");
        return Path.Combine(root, resourceName);
    }
}
