using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PatternQuality.Backfill.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>The backfill's command line, in this process or as its own program.</summary>
public static class BackfillHarness
{
    public static Task<CliResult> BackfillAsync(params string[] args) => BackfillAsync(TestContext.Current.CancellationToken, "", args);

    public static async Task<CliResult> BackfillAsync(CancellationToken cancellationToken, string standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await new BackfillCommandLine(TestHosts.WithoutEnvironment, TextWriter.Synchronized(output), TextWriter.Synchronized(error), new StringReader(standardInput))
            .InvokeAsync(args, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> BackfillAsync(TestDatabase database, LocalQdrantProcess qdrant, params string[] args) =>
        BackfillAsync([.. args, "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString()]);

    public static Task<CliResult> SeedAsync(TestDatabase database, LocalQdrantProcess qdrant, params string[] args) =>
        BackfillAsync(["seed-demo", .. args, "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString()]);

    /// <summary>A migrated database and a local store seeded with that many demo patterns (the caller disposes the store).</summary>
    public static async Task<(TestDatabase Database, LocalQdrantProcess Qdrant)> SeededAsync(PostgresServer server, int patterns) =>
        await SeededAsync(await server.CreateDatabaseAsync(), patterns);

    public static async Task<(TestDatabase Database, LocalQdrantProcess Qdrant)> SeededAsync(TestDatabase database, int patterns)
    {
        var qdrant = await LocalQdrantProcess.StartAsync();
        try
        {
            await DatabaseMigrations.ApplyAsync(database, "up");
            var seed = await SeedAsync(database, qdrant, "--patterns", patterns.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(seed.ExitCode == 0, seed.ToString());
            return (database, qdrant);
        }
        catch
        {
            // The caller never gets the store to dispose: stop it here.
            await qdrant.DisposeAsync();
            throw;
        }
    }

    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The figure on a summary line such as "stored     1085   new or changed rows".</summary>
    public static long SummaryFigure(CliResult result, string label)
    {
        var line = Lines(result.Output).LastOrDefault(l => l.StartsWith(label + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no '{label}' line in the summary:\n{result}");
        return long.Parse(line[label.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
