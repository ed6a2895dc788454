namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// Where the solution's projects were built: bin/{configuration}/{framework}/ beside each .csproj, in
/// the AppHost's own configuration. The AppHost references them, so building it builds them.
/// </summary>
internal sealed class ProjectOutputs(string appHostDirectory, string configuration)
{
    private static readonly string Framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    public string ProgramOf(ProjectResource project) => Program(project.ProjectPath);

    public string ProgramOf(string solutionProject) =>
        Program(Path.GetFullPath(Path.Combine(appHostDirectory, "..", solutionProject, $"{solutionProject}.csproj")));

    private string Program(string projectPath)
    {
        var program = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, Framework, $"{Path.GetFileNameWithoutExtension(projectPath)}.dll");
        return File.Exists(program)
            ? program
            : throw new InvalidOperationException($"{Path.GetFileName(projectPath)} is not built ({program} is missing): run `dotnet build` on the solution");
    }
}
