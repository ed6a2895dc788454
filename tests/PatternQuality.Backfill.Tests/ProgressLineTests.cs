using PatternQuality.Backfill.Runs;

namespace PatternQuality.Backfill.Tests;

public sealed class ProgressLineTests
{
    [Fact]
    public void A_progress_line_reads_back_as_written_behind_a_log_prefix()
    {
        var written = new ProgressLine("code_patterns", 450, 1065, 300, 100, 50, 12_345);

        var text = written.Format();

        Assert.Equal("progress: code_patterns 450/1065 (42%), stored 300, unchanged 100, rejected 50, 12,345 patterns/s", text);
        Assert.True(ProgressLine.TryParse("2026-12-02T13:45:00.1234567Z " + text, out var read));
        Assert.Equal(written, read);
    }

    [Fact]
    public void An_unknown_total_reads_back_as_unknown()
    {
        Assert.True(ProgressLine.TryParse(new ProgressLine("x", 7, null, 0, 0, 7, 3).Format(), out var read));
        Assert.Null(read.Total);
        Assert.Equal(7, read.Rejected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("progress: code_patterns 450/1065 (42%), 1,234 patterns/s")]
    [InlineData("stored     1085   new or changed rows")]
    [InlineData("progress: code_patterns many/1065, stored 1, unchanged 1, rejected 1, 1 patterns/s")]
    public void Other_lines_are_not_progress(string text) => Assert.False(ProgressLine.TryParse(text, out _));
}
