using PatternQuality.Programs;

namespace PatternQuality.Testing;

/// <summary>
/// Where the solution's programs were built, in the same configuration as the running tests,
/// so each runs with its own dependencies rather than the test project's.
/// </summary>
public static class ProjectPrograms
{
    public static string PathOf(string project)
    {
        // The tests run from <repo>/tests/<project>/bin/<configuration>/<framework>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var program = BuiltPrograms.Of(Path.Combine(Repository.Root, project, $"{project}.csproj"), configuration);
        return File.Exists(program)
            ? program
            : throw new FileNotFoundException($"{project} is not built at {program}; build the solution first", program);
    }
}
