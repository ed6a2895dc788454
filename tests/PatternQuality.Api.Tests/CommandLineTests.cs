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
}
