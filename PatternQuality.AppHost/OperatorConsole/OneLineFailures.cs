namespace PatternQuality.AppHost.OperatorConsole;

/// <summary>An AppHost that cannot start says why in one line on stderr and exits with 1, instead of a stack trace.</summary>
internal static class OneLineFailures
{
    public static void Install() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        var reason = e.ExceptionObject as Exception;
        while (reason is AggregateException { InnerException: { } inner })
        {
            reason = inner;
        }

        if (reason is DistributedApplicationException)
        {
            Console.Error.WriteLine($"error: {reason.Message}");
            Environment.Exit(1);
        }
    };
}
