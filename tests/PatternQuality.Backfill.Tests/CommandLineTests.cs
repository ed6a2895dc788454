namespace PatternQuality.Backfill.Tests;

/// <summary>The backfill's command line through the shell it shares with the migrator.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_the_three_commands_and_exits_0()
    {
        var result = await BackfillHarness.BackfillAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "run", "score", "seed-demo" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", result.Output);
        }
    }

    [Theory]
    [InlineData("no Qdrant given: pass --qdrant-url", "--dry-run")]
    [InlineData("invalid Qdrant connection string", "--dry-run", "--qdrant-url", "ftp://qdrant:6334")]
    [InlineData("invalid Qdrant address in the connection string", "--dry-run", "--qdrant-url", "Endpoint=qdrant;Key=s3cret")]
    [InlineData("no database given: pass --database-url", "--qdrant-url", "http://127.0.0.1:6334")]
    [InlineData("--with-lineage cannot exceed --patterns", "seed-demo", "--patterns", "5", "--with-lineage", "9", "--qdrant-url", "http://127.0.0.1:6334")]
    public async Task A_setting_it_cannot_use_is_one_line_and_exit_2_before_anything_is_read(string message, params string[] args)
    {
        var result = await BackfillHarness.BackfillAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(BackfillHarness.Lines(result.Error));
        Assert.StartsWith($"error: {message}", line);
        Assert.DoesNotContain("s3cret", line);
        Assert.Empty(result.Output);
    }
}
