using System.Net;
using System.Net.Sockets;

namespace PatternQuality.LocalQdrant.Tests;

/// <summary>The store's command line: usage on --help, one line and exit 2 for an option it does not take, never a server by mistake.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_exits_0_without_serving(string flag)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.LocalQdrant"), flag], Deadline);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: PatternQuality.LocalQdrant [--urls URL] [--grpc-url URL] [--data DIR] [--api-key KEY]", result.StandardOutput);
        Assert.DoesNotContain("Now listening", result.StandardOutput);
    }

    [Theory]
    [InlineData("--port", "6333")]
    [InlineData("serve")]
    [InlineData("--dta", "/tmp/x")]
    public async Task An_option_it_does_not_take_is_one_line_and_exit_2(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.LocalQdrant"), .. args], Deadline);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: PatternQuality.LocalQdrant does not take '{args[0]}' (see --help)", result.StandardError.Trim());
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData("--grpc-url", "http://example.com:6334")]
    [InlineData("--urls", "https://127.0.0.1:6333")]
    [InlineData("--grpc-url", "not a url")]
    public async Task An_address_it_cannot_listen_on_is_one_line_and_exit_2(string option, string value)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.LocalQdrant"), option, value, "--data", Path.GetTempPath()], Deadline);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {option} '{value}' is not an address this store can listen on: expected http://IP:port or http://localhost:port", result.StandardError.Trim());
        Assert.DoesNotContain("Now listening", result.StandardOutput);
    }

    [Theory]
    [InlineData("--urls", "REST (HTTP/1.1)")]
    [InlineData("--grpc-url", "gRPC (HTTP/2)")]
    public async Task A_taken_port_is_one_line_naming_it_and_exit_2(string option, string api)
    {
        // What holds it here is any listener: another store, or a real Qdrant on its default ports.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("pq-localqdrant-taken-").FullName;
        string[] addresses = option == "--urls"
            ? ["--urls", $"http://127.0.0.1:{taken}", "--grpc-url", $"http://127.0.0.1:{LoopbackPort.Free()}"]
            : ["--urls", $"http://127.0.0.1:{LoopbackPort.Free()}", "--grpc-url", $"http://127.0.0.1:{taken}"];
        try
        {
            var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.LocalQdrant"), .. addresses, "--data", data], Deadline);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: cannot listen for {api} on http://127.0.0.1:{taken}: address already in use; stop what uses it, or choose another with {option}",
                result.StandardError.Trim());
            Assert.DoesNotContain("Now listening", result.StandardOutput);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
