using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// An operator's procedure offered on a project's resource: a run of the project's own program with
/// <see cref="Arguments"/>, asked to answer in JSON, its answer shown on the dashboard.
/// </summary>
internal sealed record OperatorCommand(string Name, string DisplayName, string Description)
{
    /// <summary>The program's arguments for the values the operator gave; throws <see cref="ArgumentException"/> to refuse them.</summary>
    public required Func<InteractionInputCollection, IReadOnlyList<string>> Arguments { get; init; }

    public IReadOnlyList<InteractionInput> Inputs { get; init; } = [];

    public string? ConfirmationMessage { get; init; }

    public string? IconName { get; init; }

    /// <summary>What the operator can do about a failure, given the tool's answer (default: nothing to add).</summary>
    public Func<FailureAnswer, string?> NextStep { get; init; } = _ => null;
}
