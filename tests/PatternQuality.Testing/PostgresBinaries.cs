namespace PatternQuality.Testing;

/// <summary>Finds the machine's PostgreSQL server programs (initdb, pg_ctl, postgres).</summary>
public static class PostgresBinaries
{
    public const string BinDirectoryVariable = "PATTERNQUALITY_PG_BIN";

    public static string Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } given)
        {
            candidates.Add(given);
        }

        // Debian and Ubuntu keep each major version apart; prefer the newest.
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        candidates.Add("/usr/pgsql/bin");

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"no PostgreSQL server binaries found (initdb and pg_ctl): install the postgresql package, set {BinDirectoryVariable}, "
                + $"or point {PostgresServer.ServerVariable} at a running server");
    }
}
