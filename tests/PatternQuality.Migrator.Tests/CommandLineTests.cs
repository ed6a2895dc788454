namespace PatternQuality.Migrator.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("")]
    [InlineData("down")]
    [InlineData("down --to")]
    [InlineData("down --to twelve")]
    [InlineData("up --to -1")]
    [InlineData("up --lock-timeout 0")]
    [InlineData("sideways")]
    [InlineData("up --no-such-flag")]
    public async Task Wrong_command_lines_are_one_line_usage_errors(string commandLine)
    {
        var result = await MigratorHarness.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(MigratorHarness.Lines(result.Error));
        Assert.StartsWith("error: ", line);
    }

    [Fact]
    public async Task A_missing_migrations_directory_is_refused()
    {
        var result = await MigratorHarness.RunAsync("up", "--migrations-dir", "/nonexistent/migrations", "--database-url", "Host=127.0.0.1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }

    [Fact]
    public async Task Help_lists_the_four_commands()
    {
        var result = await MigratorHarness.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "up", "down", "status", "verify" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", result.Output);
        }
    }
}
