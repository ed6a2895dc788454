namespace PatternQuality.AppHost.Servers;

internal static class ServerForms
{
    public const string Setting = "AppHost:Servers";

    /// <summary>A container's data volume: <c>patternquality-{resource}-data</c>, or under <c>AppHost:VolumePrefix</c> (tests, two systems on one engine).</summary>
    public static string DataVolume(IDistributedApplicationBuilder builder, string resourceName)
    {
        var prefix = builder.ExecutionContext.IsRunMode ? builder.Configuration["AppHost:VolumePrefix"] : null;
        return $"{(string.IsNullOrEmpty(prefix) ? "patternquality" : prefix)}-{resourceName}-data";
    }

    /// <summary>
    /// The form of the server behind <c>ConnectionStrings:{connectionName}</c>: that connection string names an existing
    /// one (run mode); publishing is always the container form; else <c>AppHost:Servers</c>: <c>containers</c>,
    /// <c>local</c>, or <c>auto</c> (the default: containers where a container engine answers, else local processes).
    /// </summary>
    public static ServerForm Choose(IDistributedApplicationBuilder builder, string connectionName)
    {
        if (builder.ExecutionContext.IsRunMode && builder.Configuration[$"ConnectionStrings:{connectionName}"] is { Length: > 0 })
        {
            return ServerForm.Existing;
        }

        if (builder.ExecutionContext.IsPublishMode)
        {
            return ServerForm.Container;
        }

        return builder.Configuration[Setting]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => ContainerEngine.Answers ? ServerForm.Container : ServerForm.Local,
            "containers" => ContainerEngine.Answers ? ServerForm.Container
                : throw new DistributedApplicationException($"{Setting} is 'containers' but no container engine answers ({ContainerEngine.Silence}): start Docker or Podman, or set {Setting}=local"),
            "local" => ServerForm.Local,
            var other => throw new DistributedApplicationException($"{Setting} is '{other}': expected auto, containers or local"),
        };
    }
}
