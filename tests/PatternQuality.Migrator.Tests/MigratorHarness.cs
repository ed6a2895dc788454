
namespace PatternQuality.Migrator.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the migrator's command line in this process, or the built program as a child process.</summary>
public static class MigratorHarness
{
    public static async Task<CliResult> RunAsync(params string[] args) =>
        await RunAsync(TestContext.Current.CancellationToken, args);

    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var commandLine = new MigratorCommandLine(
            TestHosts.WithoutEnvironment, TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        var exitCode = await commandLine.InvokeAsync(args, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync([.. args, "--database-url", database.Url]);

    /// <summary>The migrator as operators run it: its own process, nothing inherited that names a database.</summary>
    public static async Task<ProcessResult> RunProcessAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var program = ProjectPrograms.PathOf("PatternQuality.Migrator");
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = null,
            ["ConnectionStrings__omninode-bridge"] = null,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        return await ProcessRunner.RunAsync("dotnet", [program, .. args], timeout ?? TimeSpan.FromSeconds(60), environment);
    }

    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
