using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Tests.Scoring;

/// <summary>Where Python's string rules differ from .NET's, the scorer follows Python.</summary>
public sealed class PythonTextTests
{
    [Theory]
    [InlineData("x: int", true)]
    [InlineData("x:\n    y", true)]
    [InlineData("x:\u001cy", true)]
    [InlineData("def f() -> None", true)]
    [InlineData("a ->\u00a0b", true)]
    [InlineData("x: ²", true)]
    [InlineData("x: \U0001D518", true)]
    [InlineData("x: )", false)]
    [InlineData("x:\u0301", false)]
    [InlineData("x:", false)]
    [InlineData("a - > b", false)]
    [InlineData("http://h", false)]
    public void Type_annotation_search_follows_python_re(string code, bool expected)
    {
        Assert.Equal(expected, PythonText.HasTypeAnnotation(code));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("🙂🙂x", 3)]
    [InlineData("ü", 1)]
    public void Lengths_count_code_points(string text, int expected)
    {
        Assert.Equal(expected, PythonText.CodePointLength(text));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("a\n", 2)]
    [InlineData("a\r\nb", 2)]
    public void Lines_are_the_pieces_of_split_on_newline(string text, int expected)
    {
        Assert.Equal(expected, PythonText.LineCount(text));
    }

    [Theory]
    [InlineData("if if if ", "if ", 3)]
    [InlineData("elif x:", "if ", 1)]
    [InlineData("aaaa", "aa", 2)]
    public void Counting_is_non_overlapping(string text, string needle, int expected)
    {
        Assert.Equal(expected, PythonText.CountOccurrences(text, needle));
    }

    [Fact]
    public void Composite_is_clamped_only_when_stored_and_banded_on_the_stored_value()
    {
        var score = new QualityScore(1, 1, 1, 1, 1);

        Assert.Equal(1.0, score.Stored);
        Assert.Equal(QualityBand.Excellent, score.Band);
        Assert.Equal(QualityBand.Good, QualityScore.BandOf(0.7));
        Assert.Equal(QualityBand.Fair, QualityScore.BandOf(0.6999999999));
        Assert.Equal(QualityBand.Poor, QualityScore.BandOf(0.4999));
    }
}
