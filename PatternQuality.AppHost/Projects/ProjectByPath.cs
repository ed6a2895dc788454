using PatternQuality.Programs;

namespace PatternQuality.AppHost.Projects;

/// <summary>
/// A project added by its path, relative to the AppHost's folder, and started without a rebuild:
/// the AppHost's own build builds it (a project reference), so `dotnet run` of the AppHost does not
/// rebuild every project on every start.
/// </summary>
internal sealed class ProjectByPath(string relativePath) : IProjectMetadata
{
    public string ProjectPath { get; } = Path.GetFullPath(Path.Combine(AppHostDirectory.Path, relativePath));

    public bool SuppressBuild => true;

    /// <summary>The program the AppHost's build produced for the project (the AppHost's configuration), its ReadyToRun copy where it has one.</summary>
    public string BuiltProgram => BuiltPrograms.ReadyToRunOf(ProjectPath, AppHostDirectory.Configuration);
}
