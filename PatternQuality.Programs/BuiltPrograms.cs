using System.Runtime.Versioning;

namespace PatternQuality.Programs;

/// <summary>Where the build puts a project's program: <c>{project folder}/bin/{configuration}/{framework}/{name}.dll</c>.</summary>
public static class BuiltPrograms
{
    /// <summary>The target framework folder of the running program (net10.0): the solution's projects all build for it.</summary>
    public static string Framework { get; } = FrameworkFolder(AppContext.TargetFrameworkName);

    public static string Of(string projectFile, string configuration) => Path.Combine(
        Path.GetDirectoryName(Path.GetFullPath(projectFile))!, "bin", configuration, Framework, Path.GetFileNameWithoutExtension(projectFile) + ".dll");

    private static string FrameworkFolder(string? targetFrameworkName)
    {
        var version = new FrameworkName(targetFrameworkName ?? throw new InvalidOperationException("the running program names no target framework")).Version;
        return $"net{version.Major}.{version.Minor}";
    }
}
