using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PatternQuality.Testing;

/// <summary>
/// PatternQuality.LocalQdrant as a real server process on a free 127.0.0.1 port, with a data
/// folder of its own that survives <see cref="RestartAsync"/>. The test project must reference
/// the LocalQdrant project so that it is built first.
/// </summary>
public sealed partial class LocalQdrantProcess : IAsyncDisposable
{
    private readonly string? apiKey;
    private readonly string? readOnlyApiKey;
    private readonly bool urlsFromEnvironment;
    private Process? process;

    private LocalQdrantProcess(string dataDirectory, string? apiKey, string? readOnlyApiKey, bool urlsFromEnvironment)
    {
        DataDirectory = dataDirectory;
        this.apiKey = apiKey;
        this.readOnlyApiKey = readOnlyApiKey;
        this.urlsFromEnvironment = urlsFromEnvironment;
    }

    /// <summary>What the store printed up to its start line.</summary>
    public IReadOnlyList<string> StartupLog { get; private set; } = [];

    public string DataDirectory { get; }

    /// <summary>The REST API (HTTP/1.1).</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1");

    /// <summary>The gRPC API (HTTP/2 without TLS), what Qdrant.Client talks to.</summary>
    public Uri GrpcUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>The server's process (a benchmark reads its memory).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("the store is not running");

    /// <summary>The key the store requires, if any, for a client to present.</summary>
    public string? ApiKey => apiKey;

    /// <param name="urlsFromEnvironment">The REST address as ASPNETCORE_URLS (as Aspire gives a project) instead of --urls.</param>
    public static async Task<LocalQdrantProcess> StartAsync(string? apiKey = null, string? readOnlyApiKey = null, bool urlsFromEnvironment = false)
    {
        var server = new LocalQdrantProcess(Directory.CreateTempSubdirectory("pq-localqdrant-").FullName, apiKey, readOnlyApiKey, urlsFromEnvironment);
        await server.StartProcessAsync();
        return server;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("api-key", apiKey);
        }

        return client;
    }

    /// <summary>Stops the server (gracefully unless <paramref name="kill"/>) and starts it again on the same data.</summary>
    public async Task RestartAsync(bool kill = false)
    {
        await StopProcessAsync(kill);
        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync(kill: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        var program = ProjectPrograms.PathOf("PatternQuality.LocalQdrant");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { program, "--grpc-url", "http://127.0.0.1:0", "--data", DataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (urlsFromEnvironment)
        {
            startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        }
        else
        {
            startInfo.ArgumentList.Add("--urls");
            startInfo.ArgumentList.Add("http://127.0.0.1:0");
        }

        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        startInfo.Environment["QDRANT__SERVICE__API_KEY"] = apiKey ?? "";
        startInfo.Environment["QDRANT__SERVICE__READ_ONLY_API_KEY"] = readOnlyApiKey ?? "";
        startInfo.Environment["Logging__LogLevel__Default"] = "Information";
        process = Process.Start(startInfo)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var log = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            log.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                Url = new Uri(match.Groups["rest"].Value);
                GrpcUrl = new Uri(match.Groups["grpc"].Value);
                StartupLog = log;
                _ = DrainAsync(process.StandardOutput);
                return;
            }
        }

        throw new InvalidOperationException($"LocalQdrant exited before listening:\n{string.Join('\n', log)}");
    }

    private async Task StopProcessAsync(bool kill)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            if (kill)
            {
                process.Kill(entireProcessTree: true);
            }
            else
            {
                // SIGTERM: the host shuts down as it does under an orchestrator.
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync();
        }

        process.Dispose();
        process = null;
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex(@"REST \(HTTP/1.1\) on (?<rest>http://[^;\s]+); gRPC \(HTTP/2\) on (?<grpc>http://[^;\s]+)")]
    private static partial Regex ListeningOn();
}
