namespace PatternQuality.LocalQdrant;

/// <summary>
/// The REST addresses the user gave (<c>--urls</c>, else <c>ASPNETCORE_URLS</c>), taken out of what the web host reads:
/// the store listens where <see cref="Listeners"/> says, and hosting URLs left to the host only make Kestrel warn that
/// it overrides them.
/// </summary>
public static class HostingUrls
{
    public const string Variable = "ASPNETCORE_URLS";

    public static (string? Urls, string[] HostArguments) Take(string[] args)
    {
        string? urls = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--urls" && i + 1 < args.Length)
            {
                urls = args[++i];
            }
            else if (args[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                urls = args[i]["--urls=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        urls ??= Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, null);
        return (urls, rest.ToArray());
    }
}
