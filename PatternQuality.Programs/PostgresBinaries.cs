namespace PatternQuality.Programs;

/// <summary>
/// The machine's PostgreSQL server programs (initdb, pg_ctl, postgres): the folder <c>PATTERNQUALITY_PG_BIN</c> names, else
/// Debian's and Ubuntu's per-version folders (newest first), else PATH.
/// </summary>
public static class PostgresBinaries
{
    public const string DirectoryVariable = "PATTERNQUALITY_PG_BIN";

    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];

    /// <summary>How to get them, for the message that says they are missing.</summary>
    public const string HowToInstall = $"install the postgresql package (apt-get install postgresql) or set {DirectoryVariable} to the folder holding initdb, pg_ctl and postgres";

    /// <summary>The folder holding the server programs, or null when the machine has none. A folder given is the only one looked in.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable(DirectoryVariable), Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql");

    /// <summary><see cref="Find()"/> over the given places (tests give their own).</summary>
    public static string? Find(string? given, string? path, string debianRoot)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Holds(given) ? given : null;
        }

        var candidates = new List<string>();
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .OrderByDescending(dir => int.TryParse(System.IO.Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => System.IO.Path.Combine(dir, "bin")));
        }

        candidates.AddRange((path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(Holds);
    }

    private static bool Holds(string directory) => Programs.All(program => File.Exists(System.IO.Path.Combine(directory, program)));
}
