namespace PatternQuality.Programs;

/// <summary>How a cluster of ours is made with initdb, for the AppHost's local server and the tests' throwaway one alike.</summary>
public static class ClusterInitialization
{
    /// <summary>
    /// initdb's arguments: the superuser and its password from a file, UTF-8 without a locale, scram-sha-256 over TCP. Local
    /// (socket) logins are the caller's choice: the AppHost's cluster is kept on disk for every local account to find, so it
    /// asks them for the password too; a test's lives for minutes in a private folder, so it trusts them.
    /// </summary>
    public static string[] InitdbArguments(string dataDirectory, string superuser, string passwordFile, LocalLogins localLogins) =>
    [
        "-D", dataDirectory, "-U", superuser, "-E", "UTF8", "--no-locale",
        $"--auth-local={(localLogins == LocalLogins.Trusted ? "trust" : "scram-sha-256")}", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}",
    ];
}

/// <summary>Whether logins over the cluster's Unix socket need the password.</summary>
public enum LocalLogins
{
    PasswordRequired,
    Trusted,
}
