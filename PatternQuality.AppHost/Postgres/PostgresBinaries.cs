namespace PatternQuality.AppHost.Postgres;

/// <summary>The machine's PostgreSQL server programs: <c>PATTERNQUALITY_PG_BIN</c>, Debian's folders (newest first), PATH.</summary>
internal static class PostgresBinaries
{
    public const string Missing =
        "no container engine answers and no PostgreSQL server binaries (initdb, postgres) were found: install the postgresql package "
        + "(apt-get install postgresql), set PATTERNQUALITY_PG_BIN to the folder holding them, or give an existing server as ConnectionStrings:omninode-bridge";

    /// <summary>The folder holding initdb and postgres, or null when the machine has none. A given folder is the only one looked in.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PATTERNQUALITY_PG_BIN") is { Length: > 0 } given)
        {
            return Holds(given) ? given : null;
        }

        var candidates = new List<string>();

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(Holds);
    }

    private static bool Holds(string directory) => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));
}
