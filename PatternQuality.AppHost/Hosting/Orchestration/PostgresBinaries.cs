namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>Finds the machine's PostgreSQL server programs: <c>PATTERNQUALITY_PG_BIN</c>, Debian's folders (newest first), PATH.</summary>
internal static class PostgresBinaries
{
    public static string Locate()
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
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres")))
            ?? throw new InvalidOperationException(
                "no PostgreSQL server binaries (initdb, postgres) and no container engine: install the postgresql package, "
                + "set PATTERNQUALITY_PG_BIN, or give an existing server as ConnectionStrings:omninode-bridge");
    }
}
