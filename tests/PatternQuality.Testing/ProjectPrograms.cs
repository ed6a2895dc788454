using PatternQuality.Programs;

namespace PatternQuality.Testing;

/// <summary>
/// Where the solution's programs were built, in the same configuration as the running tests,
/// so each runs with its own dependencies rather than the test project's.
/// </summary>
public static class ProjectPrograms
{
    public static string PathOf(string project) => Existing(project, BuiltPrograms.Of);

    /// <summary>The program as the AppHost starts it: its ReadyToRun copy when that is fresh (<see cref="BuiltPrograms.ReadyToRunOf"/>).</summary>
    public static string ReadyToRunOf(string project) => Existing(project, BuiltPrograms.ReadyToRunOf);

    private static string Existing(string project, Func<string, string, string> locate)
    {
        // The tests run from <repo>/tests/<project>/bin/<configuration>/<framework>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var program = locate(Path.Combine(Repository.Root, project, $"{project}.csproj"), configuration);
        return File.Exists(program)
            ? program
            : throw new FileNotFoundException($"{project} is not built at {program}; build the solution first", program);
    }
}
