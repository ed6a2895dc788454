namespace PatternQuality.Testing;

/// <summary>
/// The images of deploy/images/build.sh, built once per test process against the engine at DOCKER_HOST (CI starts
/// one of its own), and the settings its last lines give (KEY=VALUE, an env file). Without an engine the tests that
/// need one fail with build.sh's reason; they are never skipped.
/// </summary>
public static class LocalImages
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> settings = new(BuildAsync);

    public static Task<IReadOnlyDictionary<string, string>> SettingsAsync() => settings.Value;

    /// <summary>The AppHost's command-line settings for the container form on these images.</summary>
    public static async Task<string[]> AppHostArgumentsAsync(string volumePrefix)
    {
        var images = await SettingsAsync();
        return ["--AppHost:Servers=containers", $"--AppHost:VolumePrefix={volumePrefix}",
            .. images.Where(pair => pair.Key.StartsWith("AppHost__", StringComparison.Ordinal))
                .Select(pair => $"--{pair.Key.Replace("__", ":", StringComparison.Ordinal)}={pair.Value}")];
    }

    public static async Task<ProcessResult> DockerAsync(params string[] arguments) =>
        await ProcessRunner.RunAsync("docker", arguments, TimeSpan.FromMinutes(2));

    /// <summary>One run of build.sh (the benchmark times it); a failure throws with build.sh's reason.</summary>
    public static async Task<ProcessResult> RunBuildAsync()
    {
        var build = await ProcessRunner.RunAsync("bash", [Path.Combine(Repository.Root, "deploy", "images", "build.sh")], TimeSpan.FromMinutes(20));
        return build.ExitCode == 0 ? build
            : throw new InvalidOperationException($"deploy/images/build.sh failed: {build.StandardError.Trim().Split('\n').Last()}");
    }

    private static async Task<IReadOnlyDictionary<string, string>> BuildAsync()
    {
        var build = await RunBuildAsync();
        return build.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }
}
