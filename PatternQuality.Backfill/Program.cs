using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PatternQuality.Backfill;
using PatternQuality.ServiceDefaults.CommandLine;

return await new BackfillCommandLine(CreateHost, Console.Out, Console.Error, Console.In).InvokeAsync(args);

static HostApplicationBuilder CreateHost()
{
    var builder = ToolCommandLine.CreateHostBuilder();

    // stdout carries the run's report; warnings (retries, faults) go to stderr, everything to telemetry.
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
    builder.Logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
    builder.AddServiceDefaults();
    return builder;
}
