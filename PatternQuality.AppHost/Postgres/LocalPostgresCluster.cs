using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PatternQuality.Programs;

namespace PatternQuality.AppHost.Postgres;

/// <summary>
/// Readies the cluster of a <see cref="LocalPostgresServerResource"/> before DCP starts its server:
/// initdb once (scram-sha-256, the password parameter), the same major version afterwards, and a data
/// folder its account can reach. Every refusal is one line naming what to do.
/// </summary>
internal sealed partial class LocalPostgresCluster(LocalPostgresServerResource server, ILogger log)
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var binaries = server.Binaries ?? throw new DistributedApplicationException(
            $"no container engine answers and no PostgreSQL server binaries were found: {PostgresBinaries.HowToInstall}, or give an existing server as ConnectionStrings:omninode-bridge");
        var root = Path.GetDirectoryName(server.DataDirectory)!;
        await EnsureReachableAsync(root, cancellationToken);

        var password = await server.PasswordParameter.GetValueAsync(cancellationToken)
            ?? throw new DistributedApplicationException("the postgres-password parameter has no value");
        if (File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")))
        {
            await EnsureSameMajorVersionAsync(binaries, cancellationToken);
            if (!PasswordFingerprint.Matches(root, password))
            {
                throw new DistributedApplicationException(
                    $"the cluster in {server.DataDirectory} was created with another postgres-password: give that one (Parameters:postgres-password, "
                    + "kept in the AppHost's user secrets), or move the folder away to start afresh");
            }

            return;
        }

        await InitializeAsync(binaries, root, password, cancellationToken);
        PasswordFingerprint.Write(root, password);
    }

    private async Task EnsureReachableAsync(string root, CancellationToken cancellationToken)
    {
        if (server.Account is { } account)
        {
            Directory.CreateDirectory(root);
            await ToolRun.RequireAsync("chown", [$"{account.Name}:{account.Name}", root], log, cancellationToken);
            if (await ToolRun.RunAsync("setpriv", account.Wrap("test", "-w", root), log, cancellationToken) != 0)
            {
                throw Unreachable(account.Name);
            }

            return;
        }

        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unreachable(Environment.UserName);
        }

        DistributedApplicationException Unreachable(string user) => new(
            $"the {user} user cannot reach the data folder {root}: set AppHost:DataDirectory to a folder it can write (not under /root)");
    }

    private async Task InitializeAsync(string binaries, string root, string password, CancellationToken cancellationToken)
    {
        if (Directory.Exists(server.DataDirectory))
        {
            Directory.Delete(server.DataDirectory, recursive: true); // a previous initdb was cut short
        }

        var passwordFile = Path.Combine(root, ".pwfile");
        File.WriteAllText(passwordFile, "");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            string[] initdb = [Path.Combine(binaries, "initdb"),
                .. ClusterInitialization.InitdbArguments(server.DataDirectory, LocalPostgresServerResource.UserName, passwordFile, LocalLogins.PasswordRequired)];
            log.LogInformation("initialising a new PostgreSQL cluster in {DataDirectory}", server.DataDirectory);
            if (server.Account is { } account)
            {
                await ToolRun.RequireAsync("chown", [$"{account.Name}:{account.Name}", passwordFile], log, cancellationToken);
                await ToolRun.RequireAsync("setpriv", account.Wrap(initdb[0], initdb[1..]), log, cancellationToken);
            }
            else
            {
                await ToolRun.RequireAsync(initdb[0], initdb[1..], log, cancellationToken);
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task EnsureSameMajorVersionAsync(string binaries, CancellationToken cancellationToken)
    {
        var dataVersion = (await File.ReadAllTextAsync(Path.Combine(server.DataDirectory, "PG_VERSION"), cancellationToken)).Trim();
        var output = new List<string>();
        await ToolRun.RequireAsync(Path.Combine(binaries, "postgres"), ["--version"], log, cancellationToken, output);
        var binaryVersion = MajorVersion().Match(string.Join(' ', output)).Groups[1].Value;
        if (binaryVersion != dataVersion)
        {
            throw new DistributedApplicationException(
                $"the cluster in {server.DataDirectory} is PostgreSQL {dataVersion}'s, the binaries are PostgreSQL {binaryVersion}'s: "
                + "upgrade it with pg_upgrade or move the folder away");
        }
    }

    [GeneratedRegex(@"PostgreSQL\)?\s+(\d+)")]
    private static partial Regex MajorVersion();
}
