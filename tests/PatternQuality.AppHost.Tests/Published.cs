using System.Diagnostics;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// Publishes the real model as a user does, with the AppHost's own command line, in a HOME of its own
/// (so that anything a publish leaves behind, Aspire's deployment state included, can be searched).
/// </summary>
internal static class Published
{
    public const string PostgresPassword = "NeverInAFile-Postgres-7f3a9c";
    public const string QdrantKey = "NeverInAFile-Qdrant-41d2e8";

    public static readonly Dictionary<string, (string[] Arguments, string File)> Publishers = new()
    {
        ["manifest"] = (["--publisher", "manifest", "--output-path", "{0}/aspire-manifest.json"], "aspire-manifest.json"),
        ["compose"] = (["--operation", "publish", "--step", "publish-compose", "--output-path", "{0}"], "docker-compose.yaml"),
        ["kubernetes"] = (["--operation", "publish", "--step", "publish-kubernetes", "--output-path", "{0}"], "kubernetes.yaml"),
        ["kustomization"] = (["--operation", "publish", "--step", "publish-kubernetes", "--output-path", "{0}"], "kustomization.yaml"),
    };

    public static async Task<string> TextAsync(string publisher, string? outputDirectory = null, params string[] settings)
    {
        var directory = outputDirectory ?? Directory.CreateTempSubdirectory("pq-publish-").FullName;
        var home = Directory.CreateTempSubdirectory("pq-publish-home-").FullName;
        try
        {
            var (arguments, file) = Publishers[publisher];
            // Secret values given as a deployment would give them: none may reach the output.
            var result = await RunAsync(home, [.. arguments.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, directory)),
                $"--Parameters:postgres-password={PostgresPassword}", $"--Parameters:qdrant-Key={QdrantKey}", .. settings]);
            Assert.True(result.ExitCode == 0, $"publish {publisher} exited {result.ExitCode}:\n{result.Output}");
            AssertNoSecretIn(home);
            return await File.ReadAllTextAsync(Path.Combine(directory, file), TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            if (outputDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string home, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Prepend(ProjectPrograms.PathOf("PatternQuality.AppHost")))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>No file under <paramref name="directory"/> holds a given secret value.</summary>
    public static void AssertNoSecretIn(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(PostgresPassword) || text.Contains(QdrantKey), $"a secret value is in {file}");
        }
    }
}
