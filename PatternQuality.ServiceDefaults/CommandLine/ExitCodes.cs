namespace PatternQuality.ServiceDefaults.CommandLine;

/// <summary>The exit codes of every PatternQuality command-line program.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed or was refused; one line on stderr says why.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a setting is wrong; nothing was attempted.</summary>
    public const int Usage = 2;
}
