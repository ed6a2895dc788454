namespace PatternQuality.ServiceDefaults.CommandLine;

/// <summary>
/// The command line of a server program (the API, LocalQdrant), whose options are ASP.NET Core configuration:
/// <c>--help</c> prints the usage (exit 0); an option it does not take is one line and exit 2, instead of being
/// ignored while the server starts on a default port. <c>--Section:Key=value</c> settings pass through.
/// </summary>
public sealed class ServerCommandLine(string program, string usage, params string[] options)
{
    /// <summary>The exit code to end with before serving, or null to go on and serve.</summary>
    public int? Answer(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Any(arg => arg is "--help" or "-h" or "-?"))
        {
            output.WriteLine($"Usage: {program} {usage}");
            return ExitCodes.Success;
        }

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            // A setting: --Section:Key[=value], or --Section= (a section without a value of its own, as a host that
            // passes its configuration on, WebApplicationFactory say, writes them).
            var isSetting = name.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':') || args[i] == name + "=");
            if (isSetting || options.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                i += args[i].Contains('=') ? 0 : 1; // its value follows
            }
            else
            {
                error.WriteLine($"error: {program} does not take '{args[i]}' (see --help)");
                return ExitCodes.Usage;
            }
        }

        return null;
    }

    /// <summary>Reads the server's settings; one that cannot be used is one line on <paramref name="error"/> and exit 2.</summary>
    public static T? Setting<T>(Func<T> read, TextWriter error, out int exitCode)
        where T : class
    {
        exitCode = ExitCodes.Success;
        try
        {
            return read();
        }
        catch (Configuration.InvalidSettingException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            exitCode = ExitCodes.Usage;
            return null;
        }
    }
}
