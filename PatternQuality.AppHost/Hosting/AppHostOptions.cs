namespace PatternQuality.AppHost.Hosting;

/// <summary>The engine's settings, from the <c>AppHost</c> configuration section.</summary>
public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>Where PostgreSQL's and the local Qdrant store's data, the generated secrets and the logs are kept between runs.</summary>
    public string? DataDirectory { get; set; }

    /// <summary><c>auto</c> (Docker, then Podman, when an engine answers), <c>docker</c>, <c>podman</c> or <c>none</c>.</summary>
    public string ContainerRuntime { get; set; } = "auto";

    /// <summary>Ignore the ports the model asks for and take free ones (tests, several copies side by side).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Where projects send OTLP (HTTP/protobuf); none is injected when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How long a resource gets to stop after SIGTERM (SIGINT for PostgreSQL) before it is killed.</summary>
    public int StopTimeoutSeconds { get; set; } = 10;

    public string ResolveDataDirectory() =>
        string.IsNullOrWhiteSpace(DataDirectory) ? DefaultDataDirectory() : Path.GetFullPath(DataDirectory);

    // PostgreSQL runs as another user when the AppHost runs as root, and root's home is closed to it.
    private static string DefaultDataDirectory() => Environment.UserName == "root"
        ? "/var/lib/patternquality/apphost"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "PatternQuality", "AppHost");
}
