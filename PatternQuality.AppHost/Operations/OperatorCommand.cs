namespace PatternQuality.AppHost.Operations;

/// <summary>
/// An operator's procedure offered on a project's resource: a run of the project's own program with
/// <see cref="Arguments"/>, its outcome answered on the dashboard.
/// </summary>
internal sealed record OperatorCommand(string Name, string DisplayName, string Description)
{
    /// <summary>The program's arguments for the values the operator gave; throws <see cref="ArgumentException"/> to refuse them.</summary>
    public required Func<InteractionInputCollection, IReadOnlyList<string>> Arguments { get; init; }

    public IReadOnlyList<InteractionInput> Inputs { get; init; } = [];

    public string? ConfirmationMessage { get; init; }

    public string? IconName { get; init; }

    /// <summary>The line of a successful run's output that says what happened (default: the last).</summary>
    public Func<IReadOnlyList<string>, string?> Headline { get; init; } = output => output.LastOrDefault();

    /// <summary>What the operator can do about a failure, given its one-line reason (default: nothing to add).</summary>
    public Func<string, string?> NextStep { get; init; } = _ => null;
}
