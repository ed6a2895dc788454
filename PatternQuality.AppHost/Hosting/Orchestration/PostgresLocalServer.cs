using System.Globalization;
using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// PostgreSQL from the machine's own binaries: initdb once into the data folder (scram-sha-256,
/// the generated password), then <c>postgres</c> in the foreground on 127.0.0.1 only. As root it
/// runs as the <c>postgres</c> (else <c>nobody</c>) user, since PostgreSQL refuses root. A server
/// left running by an AppHost that was killed is shut down before ours starts.
/// </summary>
internal sealed partial class PostgresLocalServer(string root, Action<string, bool> log)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private string DataDirectory => Path.Combine(root, "data");

    public async Task<ManagedProcess> StartAsync(int port, string password, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Locate();
        Directory.CreateDirectory(root);
        (string Uid, string Gid)? owner = Environment.UserName == "root" ? await UnprivilegedOwnerAsync(cancellationToken) : null;
        if (owner is not null)
        {
            await RunToolAsync("chown", [$"{owner.Value.Uid}:{owner.Value.Gid}", root], null, cancellationToken);
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(binaries, owner, password, cancellationToken);
        }
        else
        {
            await EnsureSameMajorVersionAsync(binaries, cancellationToken);
        }

        await StopOrphanAsync(cancellationToken);
        return ManagedProcess.Start(Command(owner, Path.Combine(binaries, "postgres"),
            "-D", DataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"), log);
    }

    private async Task InitializeAsync(string binaries, (string Uid, string Gid)? owner, string password, CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true); // a previous initdb was cut short
        }

        var passwordFile = Path.Combine(root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (owner is not null)
            {
                await RunToolAsync("chown", [$"{owner.Value.Uid}:{owner.Value.Gid}", passwordFile], null, cancellationToken);
            }

            log($"initialising a new PostgreSQL cluster in {DataDirectory}", false);
            await RunToolAsync(Path.Combine(binaries, "initdb"),
                ["-D", DataDirectory, "-U", PostgresServerResource.UserName, "-E", "UTF8", "--no-locale",
                 "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}"], owner, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task EnsureSameMajorVersionAsync(string binaries, CancellationToken cancellationToken)
    {
        var dataVersion = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "PG_VERSION"), cancellationToken)).Trim();
        var output = new List<string>();
        await RunToolAsync(Path.Combine(binaries, "postgres"), ["--version"], null, cancellationToken, output);
        var binaryVersion = MajorVersion().Match(string.Join(' ', output)).Groups[1].Value;
        if (binaryVersion != dataVersion)
        {
            throw new InvalidOperationException(
                $"the data in {DataDirectory} is PostgreSQL {dataVersion}'s, the binaries are PostgreSQL {binaryVersion}'s: "
                + "upgrade it with pg_upgrade or move the folder away");
        }
    }

    private async Task StopOrphanAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse((await File.ReadAllLinesAsync(pidFile, cancellationToken)).FirstOrDefault(), out var pid)
            || !File.Exists($"/proc/{pid}/cmdline")
            || !(await File.ReadAllTextAsync($"/proc/{pid}/cmdline", cancellationToken)).Contains("postgres", StringComparison.Ordinal))
        {
            return;
        }

        log($"a PostgreSQL server (pid {pid}) still runs on this data, left by an AppHost that did not stop; shutting it down", true);
        _ = UnixSignal.Send(pid, ManagedProcess.SigInt);
        for (var waited = 0; waited < 300 && File.Exists($"/proc/{pid}/cmdline"); waited++)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task RunToolAsync(string program, string[] arguments, (string Uid, string Gid)? owner, CancellationToken cancellationToken, List<string>? output = null)
    {
        var tool = ManagedProcess.Start(Command(owner, program, arguments), (line, isError) =>
        {
            output?.Add(line);
            log(line, isError);
        });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ToolTimeout);
        int code;
        try
        {
            code = await tool.Exited.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await tool.StopAsync(ManagedProcess.SigTerm, TimeSpan.Zero);
            throw;
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {code} (see the postgres console log)");
        }
    }

    private ProcessSpec Command((string Uid, string Gid)? owner, string program, params string[] arguments) => owner is null
        ? new ProcessSpec(program, arguments, root, new Dictionary<string, string?>())
        : new ProcessSpec("setpriv", [$"--reuid={owner.Value.Uid}", $"--regid={owner.Value.Gid}", "--clear-groups", program, .. arguments],
            root, new Dictionary<string, string?>());

    private async Task<(string Uid, string Gid)> UnprivilegedOwnerAsync(CancellationToken cancellationToken)
    {
        foreach (var user in new[] { "postgres", "nobody" })
        {
            var ids = new List<string>();
            try
            {
                await RunToolAsync("id", ["-u", user], null, cancellationToken, ids);
                await RunToolAsync("id", ["-g", user], null, cancellationToken, ids);
                return (ids[0].Trim(), ids[1].Trim());
            }
            catch (InvalidOperationException)
            {
            }
        }

        throw new InvalidOperationException("running as root, and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL as");
    }

    [GeneratedRegex(@"PostgreSQL\)?\s+(\d+)")]
    private static partial Regex MajorVersion();
}
