namespace PatternQuality.AppHost.Tests;

/// <summary>The AppHost's command line: <c>--help</c> prints its usage; a bad setting is refused in one line before anything is done.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_exits_0_without_starting_anything(string flag)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.AppHost"), flag], TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: PatternQuality.AppHost", result.StandardOutput);
        Assert.Contains("--operation publish --step publish-compose|publish-kubernetes", result.StandardOutput);
        Assert.Contains("Parameters:backfill-every (a backfill pass every interval", result.StandardOutput);
        Assert.DoesNotContain("Distributed application started", result.StandardOutput);
        Assert.Empty(result.StandardError);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task A_backfill_workers_value_out_of_range_is_refused_in_one_line_before_anything_is_published(string workers)
    {
        var output = Directory.CreateTempSubdirectory("pq-workers-").FullName;
        try
        {
            var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.AppHost"),
                "--publisher", "manifest", "--output-path", Path.Combine(output, "aspire-manifest.json"), $"--Parameters:backfill-workers={workers}"], TimeSpan.FromMinutes(1));

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"error: Parameters:backfill-workers is '{workers}': expected a whole number from 1 to 64", result.StandardError.Trim());
            Assert.Empty(Directory.EnumerateFileSystemEntries(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Parameters:backfill-every=soon", "error: Parameters:backfill-every: 'soon' is not an interval: give a whole number with s, m, h or d (30s, 15m, 6h, 1d), from 1s to 7d")]
    [InlineData("--Parameters:backfill-every=7m", "error: Parameters:backfill-every is '7m', which a CronJob cannot keep exactly: give minutes that divide an hour, hours that divide a day, or 1d")]
    public async Task A_backfill_every_value_that_cannot_be_kept_is_refused_in_one_line_before_anything_is_published(string setting, string refusal)
    {
        var output = Directory.CreateTempSubdirectory("pq-every-").FullName;
        try
        {
            var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.AppHost"),
                "--operation", "publish", "--step", "publish-kubernetes", "--output-path", output, setting], TimeSpan.FromMinutes(1));

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(refusal, result.StandardError + result.StandardOutput);
            Assert.False(File.Exists(Path.Combine(output, "kubernetes.yaml")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
