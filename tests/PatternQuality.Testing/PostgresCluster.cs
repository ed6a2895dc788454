using System.Security.Cryptography;
using Npgsql;
using PatternQuality.Programs;

namespace PatternQuality.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a temporary folder, a server on a free
/// 127.0.0.1 port, password authentication over TCP. PostgreSQL refuses to run as root,
/// so when the tests run as root the cluster belongs to the <c>postgres</c> (or <c>nobody</c>) user.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string binDirectory;
    private readonly string root;
    private readonly string? runAsUser;

    private PostgresCluster(string binDirectory, string root, string? runAsUser, int port, string password)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        this.runAsUser = runAsUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
        };
    }

    public int Port { get; }

    public NpgsqlConnectionStringBuilder ConnectionString { get; }

    private string DataDirectory => Path.Combine(root, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var binDirectory = PostgresBinaries.Find() ?? throw new InvalidOperationException(
            $"no PostgreSQL server binaries found: {PostgresBinaries.HowToInstall}, or point {PostgresServer.ServerVariable} at a running server");
        var root = Directory.CreateTempSubdirectory("pq-postgres-").FullName;
        var runAsUser = Environment.UserName == "root" ? await UnprivilegedUserAsync() : null;
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        await File.WriteAllTextAsync(Path.Combine(root, "pwfile"), password);
        if (runAsUser is not null)
        {
            await ProcessRunner.RunCheckedAsync("chown", ["-R", runAsUser, root], CommandTimeout);
        }

        var cluster = new PostgresCluster(binDirectory, root, runAsUser, LoopbackPort.Free(), password);
        await cluster.RunToolAsync("initdb",
            [.. ClusterInitialization.InitdbArguments(cluster.DataDirectory, "postgres", Path.Combine(root, "pwfile"), LocalLogins.Trusted), "--no-sync"]);
        File.Delete(Path.Combine(root, "pwfile"));
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>, on the same port with the same data.</summary>
    public Task StartServerAsync() => RunToolAsync("pg_ctl",
        "start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(root, "server.log"),
        "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");

    /// <summary>A new, empty database on this cluster.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string name)
    {
        await using (var admin = NpgsqlDataSource.Create(ConnectionString.ConnectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(new NpgsqlConnectionStringBuilder(ConnectionString.ConnectionString) { Database = name });
    }

    public Task StopServerAsync(bool immediate = false) =>
        RunToolAsync("pg_ctl", "stop", "-D", DataDirectory, "-w", "-t", "60", "-m", immediate ? "immediate" : "fast");

    /// <summary>The server stopped (fast), down for <paramref name="downFor"/>, then started again on the same data.</summary>
    public async Task RestartAsync(TimeSpan downFor)
    {
        await StopServerAsync();
        await Task.Delay(downFor);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync(immediate: true);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Not the AppHost's ToolRun: that one streams into a resource's console for the dashboard; a test wants the output in its failure.
    private async Task RunToolAsync(string tool, params string[] arguments)
    {
        var program = Path.Combine(binDirectory, tool);
        var result = runAsUser is null
            ? await ProcessRunner.RunAsync(program, arguments, CommandTimeout, workingDirectory: root)
            : await ProcessRunner.RunAsync("runuser", ["-u", runAsUser, "--", program, .. arguments], CommandTimeout, workingDirectory: root);
        if (result.ExitCode != 0)
        {
            var log = Path.Combine(root, "server.log");
            throw new InvalidOperationException(
                $"{tool} failed: {result}\n--- server log\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)")}");
        }
    }

    private static async Task<string> UnprivilegedUserAsync()
    {
        var postgres = await ProcessRunner.RunAsync("id", ["-u", "postgres"], CommandTimeout);
        return postgres.ExitCode == 0 ? "postgres" : "nobody";
    }
}
