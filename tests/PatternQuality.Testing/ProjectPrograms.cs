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
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!.Parent!;
        var program = Path.Combine(repository.FullName, project, "bin", configuration.Name, framework.Name, $"{project}.dll");
        return File.Exists(program)
            ? program
            : throw new FileNotFoundException($"{project} is not built at {program}; build the solution first", program);
    }
}
