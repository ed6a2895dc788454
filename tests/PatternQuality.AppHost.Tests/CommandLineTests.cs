namespace PatternQuality.AppHost.Tests;

/// <summary>The AppHost's <c>--help</c>: its usage, exit 0, and nothing started.</summary>
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
        Assert.DoesNotContain("Distributed application started", result.StandardOutput);
        Assert.Empty(result.StandardError);
    }
}
