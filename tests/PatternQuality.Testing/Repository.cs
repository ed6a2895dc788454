namespace PatternQuality.Testing;

/// <summary>The repository checkout the tests run from, and the shared documents CI places beside it (../shared).</summary>
public static class Repository
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

            return directory?.FullName ?? throw new InvalidOperationException("PatternQuality.Aspire.sln not found above the test binaries");
        }
    }

    /// <summary>Where shared/<paramref name="relativePath"/> is expected, whether or not it is there.</summary>
    public static string SharedPath(string relativePath) => Path.GetFullPath(Path.Combine(Root, "..", "shared", relativePath));

    /// <summary>shared/<paramref name="relativePath"/>, or an error that says what is missing and where it was looked for.</summary>
    public static string SharedDocument(string relativePath, string what)
    {
        var path = SharedPath(relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{what} is missing: expected shared/{relativePath} at {path} (CI checks shared/ out beside the repository)", path);
    }
}
