namespace PatternQuality.AppHost.Hosting;

/// <summary>A .NET project of the solution, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectPath)
    : Resource(name), IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithArgs, IResourceWithWaitSupport
{
    /// <summary>The full path of the .csproj file.</summary>
    public string ProjectPath { get; } = projectPath;

    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);
}
