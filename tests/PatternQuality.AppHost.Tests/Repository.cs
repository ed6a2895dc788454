namespace PatternQuality.AppHost.Tests;

/// <summary>The repository checkout the tests run from, and the shared documents CI places beside it.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PatternQuality.Aspire.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the tests do not run from inside the repository");
        }
    }

    public static string AspireManifestSchema
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "aspire", "aspire-8.0.json"));
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"the Aspire manifest schema is missing: expected shared/aspire/aspire-8.0.json at {path} (CI checks shared/ out beside the repository)", path);
        }
    }
}
