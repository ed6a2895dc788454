namespace PatternQuality.AppHost.Postgres;

/// <summary>The machine's PostgreSQL server programs: <c>PATTERNQUALITY_PG_BIN</c>, Debian's folders (newest first), PATH.</summary>
internal static class PostgresBinaries
{
    public const string Missing =
        "no container engine answers and no PostgreSQL server binaries (initdb, postgres) were found: install the postgresql package "
        + "(apt-get install postgresql), set PATTERNQUALITY_PG_BIN to their folder, or give an existing server as ConnectionStrings:omninode-bridge";

    /// <summary>The folder holding initdb and postgres, or null when the machine has none.</summary>
    public static string? Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PATTERNQUALITY_PG_BIN") is { Length: > 0 } given)
        {
            candidates.Add(given);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres")));
    }
}
