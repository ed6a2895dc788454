using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.ServiceDefaults.Tests;

public sealed class ServerCommandLineTests
{
    private static readonly ServerCommandLine CommandLine = new("program", "[--urls URL] [--data DIR]", "--urls", "--data");

    public static TheoryData<string[]> Serving => new()
    {
        Array.Empty<string>(),
        new[] { "--urls", "http://127.0.0.1:1" },
        new[] { "--urls=http://127.0.0.1:1", "--data", "/tmp/d" },
        new[] { "--Logging:LogLevel:Default", "Debug", "--Api:CursorKey=abc" },
        new[] { "--Logging=", "--Logging:LogLevel=", "--Logging:LogLevel:Default=Warning" },
    };

    public static TheoryData<string[], string> Refused => new()
    {
        { new[] { "--port", "80" }, "--port" },
        { new[] { "--port=80" }, "--port=80" },
        { new[] { "--urls", "x", "stray" }, "stray" },
        { new[] { "-d", "/tmp" }, "-d" },
    };

    [Theory]
    [MemberData(nameof(Serving))]
    public void Known_options_and_Section_Key_settings_go_on_to_serve(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Null(CommandLine.Answer(args, output, error));
        Assert.Empty(output.ToString() + error);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_one_line_and_exit_2(string[] args, string offending)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Usage, CommandLine.Answer(args, output, error));
        Assert.Equal($"error: program does not take '{offending}' (see --help){Environment.NewLine}", error.ToString());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Help_wins_over_everything_else_and_prints_the_usage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Success, CommandLine.Answer(["--port", "1", "--help"], output, error));
        Assert.Equal($"Usage: program [--urls URL] [--data DIR]{Environment.NewLine}", output.ToString());
    }
}
