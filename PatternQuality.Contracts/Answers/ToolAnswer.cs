using System.Text.Json.Serialization;

namespace PatternQuality.Contracts.Answers;

/// <summary>
/// What a tool's command answers with <c>--output json</c>: one JSON object per line on stdout, named by its
/// <c>answer</c> property, carrying the contract it was written in (<see cref="ToolAnswers.Contract"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "answer")]
[JsonDerivedType(typeof(VerifyAnswer), "verify")]
[JsonDerivedType(typeof(StatusAnswer), "status")]
[JsonDerivedType(typeof(MigrationAnswer), "migration")]
[JsonDerivedType(typeof(BackfillSummaryAnswer), "backfill-summary")]
[JsonDerivedType(typeof(ProgressAnswer), "progress")]
[JsonDerivedType(typeof(RunProgressAnswer), "run-progress")]
[JsonDerivedType(typeof(SeedAnswer), "seed")]
[JsonDerivedType(typeof(CoverageAnswer), "coverage")]
[JsonDerivedType(typeof(PruneAnswer), "prune")]
[JsonDerivedType(typeof(FailureAnswer), "failure")]
public abstract record ToolAnswer
{
    public int Contract { get; init; } = ToolAnswers.Contract;

    /// <summary>The one line that says what happened, as the tool's human output ends and the dashboard shows it.</summary>
    public abstract string Headline();
}
