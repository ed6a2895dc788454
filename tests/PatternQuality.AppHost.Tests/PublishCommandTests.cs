namespace PatternQuality.AppHost.Tests;

/// <summary>The publish command line as a user types it, through the real program.</summary>
public sealed class PublishCommandTests
{
    [Theory]
    [InlineData("helm", "out.yaml", "unknown publisher 'helm'")]
    [InlineData("manifest", "", "--output-path FILE is required")]
    [InlineData("compose", "/tmp", "is a folder")]
    public async Task A_wrong_command_line_is_one_line_on_stderr_and_exit_code_2(string publisher, string outputPath, string message)
    {
        var result = await ProcessRunner.RunAsync("dotnet",
            [ProjectPrograms.PathOf("PatternQuality.AppHost"), "--publisher", publisher, "--output-path", outputPath], TimeSpan.FromMinutes(1));

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Publishing_writes_the_file_and_starts_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("pq-publish-cli-").FullName;
        try
        {
            var path = Path.Combine(directory, "nested", "manifest.json");
            var result = await ProcessRunner.RunAsync("dotnet",
                [ProjectPrograms.PathOf("PatternQuality.AppHost"), "--publisher", "manifest", "--output-path", path, "--data-dir", Path.Combine(directory, "data")],
                TimeSpan.FromMinutes(1));

            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(path));
            Assert.False(Directory.Exists(Path.Combine(directory, "data")), "publishing must not create data, secrets or processes");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
