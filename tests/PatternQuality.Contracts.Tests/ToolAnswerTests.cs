using System.Text.Json;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.Contracts.Tests;

public sealed class ToolAnswerTests
{
    public static TheoryData<string> Samples() => [.. SampleAnswers.All().Select(ToolAnswers.Serialize)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_answer_reads_back_as_written(string written)
    {
        var read = ToolAnswers.Read(written, "tool");

        Assert.Equal(written, ToolAnswers.Serialize(read));
        Assert.Equal(ToolAnswers.Contract, read.Contract);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_answer_names_itself_first_and_carries_the_contract(string written)
    {
        using var document = JsonDocument.Parse(written);
        var first = document.RootElement.EnumerateObject().First();

        Assert.Equal("answer", first.Name);
        Assert.Equal(ToolAnswers.Contract, document.RootElement.GetProperty("contract").GetInt32());
    }

    [Fact]
    public void Every_kind_of_answer_has_a_sample()
    {
        var kinds = typeof(ToolAnswer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ToolAnswer)) && !t.IsAbstract).ToHashSet();

        Assert.Equal(kinds.OrderBy(t => t.Name), SampleAnswers.All().Select(a => a.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void Counts_are_fields_not_prose()
    {
        var written = ToolAnswers.Serialize(new FailureAnswer(1, FailureKind.OrphansExist, "refused") { Orphans = 1020 });

        var read = Assert.IsType<FailureAnswer>(ToolAnswers.Read(written, "migrator"));
        Assert.Equal(1020, read.Orphans);
        Assert.Equal(FailureKind.OrphansExist, read.Kind);
        Assert.Contains("\"kind\":\"OrphansExist\"", written);
    }

    [Fact]
    public void A_human_line_is_refused_as_an_answer_from_before_json()
    {
        var refused = Assert.Throws<ContractException>(() => ToolAnswers.Read("database is at version 017; nothing to apply", "migrator"));

        Assert.Equal("migrator did not answer in JSON ('database is at version 017; nothing to apply'); is it a build from before `--output json`? Build it with this AppHost", refused.Message);
    }

    [Theory]
    [InlineData("""{"answer":"seed","patterns":1,"lineageNodes":0}""", "migrator answered JSON without a contract")]
    [InlineData("""{"answer":"seed","contract":0,"patterns":1,"lineageNodes":0}""", "migrator answered in contract 0; this build reads contract 1")]
    [InlineData("""{"answer":"seed","contract":2,"patterns":1,"lineageNodes":0}""", "migrator answered in contract 2; this build reads contract 1")]
    [InlineData("""{"answer":"launch","contract":1}""", "migrator answered contract 1 but not a known answer")]
    [InlineData("""[1,2]""", "migrator answered JSON without a contract")]
    public void Another_contract_is_refused_clearly(string line, string expected)
    {
        var refused = Assert.Throws<ContractException>(() => ToolAnswers.Read(line, "migrator"));

        Assert.StartsWith(expected, refused.Message);
    }

    [Fact]
    public void The_last_non_empty_line_is_the_answer()
    {
        var answer = ToolAnswers.ReadLast([ToolAnswers.Serialize(new ProgressAnswer("x", 1, 2, 0, 0, 0, 1)), ToolAnswers.Serialize(new SeedAnswer(2, 0, null)), ""], "backfill");

        Assert.Equal(new SeedAnswer(2, 0, null), answer);
        Assert.Throws<ContractException>(() => ToolAnswers.ReadLast([], "backfill"));
    }

    [Fact]
    public void An_answer_is_found_behind_a_log_prefix_and_other_lines_are_not_answers()
    {
        var progress = new ProgressAnswer("code_patterns", 450, 1065, 300, 100, 50, 12_345);

        Assert.True(ToolAnswers.TryFind("2026-12-02T13:45:00.1234567Z " + ToolAnswers.Serialize(progress), "backfill", out var found));
        Assert.Equal(progress, found);
        Assert.False(ToolAnswers.TryFind("stored     1085   new or changed rows", "backfill", out _));
        Assert.False(ToolAnswers.TryFind("", "backfill", out _));
    }

    [Fact]
    public void Progress_reads_as_one_line_for_people()
    {
        Assert.Equal("progress: code_patterns 450/1065 (42%), stored 300, unchanged 100, rejected 50, 12,345 patterns/s",
            new ProgressAnswer("code_patterns", 450, 1065, 300, 100, 50, 12_345).Headline());
        Assert.Equal("progress: x 7/?, stored 0, unchanged 0, rejected 7, 3 patterns/s", new ProgressAnswer("x", 7, null, 0, 0, 7, 3).Headline());
    }
}
