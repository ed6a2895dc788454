using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.Api.Extensions;

internal static class ApiCommandLine
{
    private static readonly ServerCommandLine CommandLine = new("PatternQuality.Api", """
        [--urls URL]
          The query API over pattern_quality_metrics; the database from ConnectionStrings__omninode-bridge, else DATABASE_URL.
        """, "--urls", "--environment", "--contentRoot", "--applicationName");

    /// <summary>The exit code to end with before serving (<c>--help</c>, an option it does not take), or null to serve.</summary>
    public static int? Answer(string[] args) => CommandLine.Answer(args, Console.Out, Console.Error);
}
