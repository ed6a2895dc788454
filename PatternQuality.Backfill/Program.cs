using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatternQuality.ServiceDefaults.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PatternQuality.Backfill;

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
