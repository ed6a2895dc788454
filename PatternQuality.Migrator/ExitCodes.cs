namespace PatternQuality.Migrator;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed or was refused: migration error, checksum change, orphans, unreachable database, failed verify.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a setting is wrong; nothing was attempted.</summary>
    public const int Usage = 2;
}
