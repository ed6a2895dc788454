using Microsoft.Extensions.DependencyInjection;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Tests;

/// <summary>An operator command while the database is away: a one-line answer, and the database as it was once it is back.</summary>
public sealed class DatabaseGoneTests
{
    [Fact]
    public async Task With_PostgreSQL_stopped_Verify_013_fails_in_one_line_and_answers_again_once_it_is_started()
    {
        await using var app = await TestAppHost.StartAsync();
        Assert.Equal(0, (await app.WaitForTerminalAsync("backfill")).Snapshot.ExitCode);
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        var ct = TestContext.Current.CancellationToken;

        Assert.True((await commands.ExecuteCommandAsync("postgres", KnownResourceCommands.StopCommand, ct)).Success);
        await app.WaitForTerminalAsync("postgres");

        var gone = await commands.ExecuteCommandAsync("migrator", "verify-013", ct);

        Assert.False(gone.Success);
        Assert.Matches(@"^cannot connect to the database at 127\.0\.0\.1:\d+/omninode_bridge: [^\r\n]+$", gone.Message);
        Assert.DoesNotContain("Password", gone.Message, StringComparison.OrdinalIgnoreCase);

        // Once it is back (after its recovery: until then the answer is "the database system is starting up"), the same
        // command answers as before the stop.
        Assert.True((await commands.ExecuteCommandAsync("postgres", KnownResourceCommands.StartCommand, ct)).Success);
        ExecuteCommandResult? back = null;
        await Eventually.AssertAsync(
            async () => (back = await commands.ExecuteCommandAsync("migrator", "verify-013", ct)).Success,
            "Verify 013 passing again", TimeSpan.FromSeconds(60));
        Assert.Equal(1085, TestAppHost.AnswerOf<VerifyAnswer>(back!).Rows);
    }
}
