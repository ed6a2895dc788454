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
        Assert.StartsWith("Usage: PatternQuality.LocalQdrant [--urls URL] [--data DIR] [--api-key KEY]", result.StandardOutput);
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
}
