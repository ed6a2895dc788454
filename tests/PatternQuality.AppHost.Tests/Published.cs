namespace PatternQuality.AppHost.Tests;

/// <summary>Runs the real model in publish mode through the testing entry point and reads what it wrote.</summary>
internal static class Published
{
    public const string PostgresPassword = "NeverInAFile-Postgres-7f3a9c";
    public const string QdrantKey = "NeverInAFile-Qdrant-41d2e8";

    public static async Task<string> TextAsync(string publisher, string? outputDirectory = null)
    {
        var directory = outputDirectory ?? Directory.CreateTempSubdirectory("pq-publish-").FullName;
        var path = Path.Combine(directory, $"published-{publisher}");
        try
        {
            // Secret values given as a deployment would give them: none may reach the output.
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<PatternQuality.AppHost.AppHostAssembly>(
                ["--publisher", publisher, "--output-path", path,
                 $"--Parameters:postgres-password={PostgresPassword}", $"--Parameters:qdrant-Key={QdrantKey}"],
                TestContext.Current.CancellationToken);
            await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
            await app.RunAsync(TestContext.Current.CancellationToken);
            return await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (outputDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }
}
