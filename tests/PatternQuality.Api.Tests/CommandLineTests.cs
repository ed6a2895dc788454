namespace PatternQuality.Api.Tests;

/// <summary>The API's command line: usage on --help, one line and exit 2 for an option it does not take.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0_without_serving()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.Api"), "--help"], Deadline);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: PatternQuality.Api [--urls URL]", result.StandardOutput);
        Assert.Contains("DATABASE_URL", result.StandardOutput);
    }

    [Fact]
    public async Task An_option_it_does_not_take_is_one_line_and_exit_2()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.Api"), "--port", "80"], Deadline);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: PatternQuality.Api does not take '--port' (see --help)", result.StandardError.Trim());
    }

    [Theory]
    [InlineData(null, "error: no database given: pass --database-url, or set ConnectionStrings__omninode-bridge or DATABASE_URL")]
    [InlineData("mysql://user:s3cret@db/x", "error: ")]
    public async Task A_database_it_cannot_use_is_one_line_and_exit_2_before_serving(string? databaseUrl, string expected)
    {
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = databaseUrl, ["ConnectionStrings__omninode-bridge"] = null };

        var result = await ProcessRunner.RunAsync("dotnet", [ProjectPrograms.PathOf("PatternQuality.Api"), "--urls", "http://127.0.0.1:0"], Deadline, environment);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain("s3cret", line);
        Assert.DoesNotContain("Now listening", result.StandardOutput);
    }
}
