using System.Runtime.Versioning;

namespace PatternQuality.Programs;

/// <summary>Where the build puts a project's program: <c>{project folder}/bin/{configuration}/{framework}/{name}.dll</c>.</summary>
public static class BuiltPrograms
{
    /// <summary>The target framework folder of the running program (net10.0): the solution's projects all build for it.</summary>
    public static string Framework { get; } = FrameworkFolder(AppContext.TargetFrameworkName);

    public static string Of(string projectFile, string configuration) => Path.Combine(
        Path.GetDirectoryName(Path.GetFullPath(projectFile))!, "bin", configuration, Framework, Path.GetFileNameWithoutExtension(projectFile) + ".dll");

    /// <summary>
    /// The ReadyToRun copy published beside the build output (ServiceDefaults/ReadyToRunBesideBuild.targets) when it is
    /// there and no older than the build, else the build output.
    /// </summary>
    public static string ReadyToRunOf(string projectFile, string configuration)
    {
        var built = Of(projectFile, configuration);
        var copy = Path.Combine(Path.GetDirectoryName(built)!, "ready-to-run", Path.GetFileName(built));
        return File.Exists(copy) && File.GetLastWriteTimeUtc(copy) >= File.GetLastWriteTimeUtc(built) ? copy : built;
    }

    private static string FrameworkFolder(string? targetFrameworkName)
    {
        var version = new FrameworkName(targetFrameworkName ?? throw new InvalidOperationException("the running program names no target framework")).Version;
        return $"net{version.Major}.{version.Minor}";
    }
}
