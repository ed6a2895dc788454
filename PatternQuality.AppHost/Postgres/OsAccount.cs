namespace PatternQuality.AppHost.Postgres;

/// <summary>An operating-system account PostgreSQL runs as when the AppHost is root.</summary>
public sealed record OsAccount(string Name)
{
    /// <summary>The postgres user, when the AppHost runs as root; null otherwise (then the AppHost's own user runs it).</summary>
    public static OsAccount? ForServer() => Environment.UserName == "root" ? new OsAccount("postgres") : null;

    /// <summary>The command line that runs <paramref name="program"/> as this account (setpriv execs, so the pid stays the program's).</summary>
    public string[] Wrap(string program, params string[] arguments) =>
        [$"--reuid={Name}", $"--regid={Name}", "--init-groups", "--", program, .. arguments];
}
