using System.Text.Json;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Tests.Scoring;

/// <summary>Every reference case of shared/scoring/vectors.json (copied beside this file), to 1e-9.</summary>
public sealed class ReferenceVectorTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<int> CaseNumbers()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LoadCases().GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void Scores_match_the_reference_implementation(int caseNumber)
    {
        var reference = LoadCases()[caseNumber];
        var expected = reference.GetProperty("expected");

        var mapped = PatternMapper.FromMappedPattern(reference.GetProperty("input"));

        Assert.Null(mapped.RejectionReason);
        var score = PatternScorer.Score(mapped.Pattern!);
        Assert.Equal(expected.GetProperty("completeness_score").GetDouble(), score.Completeness, Tolerance);
        Assert.Equal(expected.GetProperty("documentation_score").GetDouble(), score.Documentation, Tolerance);
        Assert.Equal(expected.GetProperty("onex_compliance_score").GetDouble(), score.OnexCompliance, Tolerance);
        Assert.Equal(expected.GetProperty("metadata_richness_score").GetDouble(), score.MetadataRichness, Tolerance);
        Assert.Equal(expected.GetProperty("complexity_score").GetDouble(), score.Complexity, Tolerance);
        Assert.Equal(expected.GetProperty("quality_score").GetDouble(), score.Composite, Tolerance);
        Assert.Equal(expected.GetProperty("confidence").GetDouble(), mapped.Pattern!.Confidence, Tolerance);
    }

    [Fact]
    public void The_copy_of_the_vectors_is_the_shared_one_when_shared_is_present()
    {
        var shared = Repository.SharedPath("scoring/vectors.json");
        Assert.True(File.Exists(shared), $"shared/scoring/vectors.json is missing: expected it at {Path.GetFullPath(shared)}");

        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scoring", "vectors.json")));
    }

    private static JsonElement LoadCases() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scoring", "vectors.json"))).RootElement;
}
