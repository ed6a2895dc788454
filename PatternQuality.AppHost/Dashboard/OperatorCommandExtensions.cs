using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Dashboard;

internal static class OperatorCommandExtensions
{
    /// <summary>
    /// Adds <paramref name="command"/> to the project's resource. It runs once the resource's own run has ended, one
    /// command at a time per <paramref name="gate"/>, and writes its outcome to the resource's console and the AppHost's log.
    /// The outcome is the tool's JSON answer (PatternQuality.Contracts), never its prose.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommand(
        this IResourceBuilder<ProjectResource> builder, OperatorCommand command, OperationGate gate)
    {
        var project = builder.Resource;
        return builder.WithCommand(command.Name, command.DisplayName, context => ExecuteAsync(context, project, command, gate), new CommandOptions
        {
            Description = command.Description,
            ConfirmationMessage = command.ConfirmationMessage,
            IconName = command.IconName,
            Arguments = command.Inputs,
            UpdateState = state => ResourceRunEnded(state.ResourceSnapshot.State?.Text) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });
    }

    private static async Task<ExecuteCommandResult> ExecuteAsync(
        ExecuteCommandContext context, ProjectResource project, OperatorCommand command, OperationGate gate)
    {
        var log = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorCommand).Namespace!);
        var state = context.Services.GetRequiredService<ResourceNotificationService>().TryGetCurrentState(context.ResourceName, out var current)
            ? current.Snapshot.State?.Text
            : null;
        if (!ResourceRunEnded(state))
        {
            return Refuse($"{project.Name} is {(state ?? "not started").ToLowerInvariant()}: '{command.DisplayName}' runs once its own run has ended");
        }

        IReadOnlyList<string> arguments;
        try
        {
            arguments = [.. command.Arguments(context.Arguments), .. ToolAnswers.JsonOutputArguments];
        }
        catch (ArgumentException refused)
        {
            return Refuse(refused.Message);
        }

        using var lease = gate.TryEnter(command.DisplayName, out var busyWith);
        if (lease is null)
        {
            return Refuse($"'{busyWith}' is running on {project.Name}; '{command.DisplayName}' can start once it has finished");
        }

        log.LogInformation("{Resource}: {Command} started ({Arguments})", project.Name, command.DisplayName, string.Join(' ', arguments));
        var outcome = await ProjectProcess.RunAsync(context, project, arguments);
        ToolAnswer answer;
        try
        {
            answer = ToolAnswers.ReadLast(outcome.Output, project.Name);
        }
        catch (ContractException unreadable)
        {
            var why = $"{unreadable.Message} (exit code {outcome.ExitCode})";
            log.LogWarning("{Resource}: {Command} failed: {Reason}", project.Name, command.DisplayName, why);
            return CommandResults.Failure(why);
        }

        var data = new CommandResultData { Value = ToolAnswers.SerializeIndented(answer), Format = CommandResultFormat.Text, DisplayImmediately = true };
        if (outcome.ExitCode == 0)
        {
            var headline = answer.Headline();
            log.LogInformation("{Resource}: {Command} succeeded: {Headline}", project.Name, command.DisplayName, headline);
            return CommandResults.Success(headline, data);
        }

        var reason = answer.Headline();
        var message = answer is FailureAnswer failure && command.NextStep(failure) is { } next ? $"{reason.TrimEnd('.')}. {next}" : reason;
        log.LogWarning("{Resource}: {Command} failed (exit code {ExitCode}): {Message}", project.Name, command.DisplayName, outcome.ExitCode, message);
        return CommandResults.Failure(message, data);

        ExecuteCommandResult Refuse(string why)
        {
            context.Logger.LogWarning("{Command} refused: {Reason}", command.DisplayName, why);
            log.LogWarning("{Resource}: {Command} refused: {Reason}", project.Name, command.DisplayName, why);
            return CommandResults.Failure(why);
        }
    }

    /// <summary>A one-shot resource's own run has ended (finished, exited, or never started because what it waits for failed).</summary>
    private static bool ResourceRunEnded(string? state) => state is not null && KnownResourceStates.TerminalStates.Contains(state);
}
