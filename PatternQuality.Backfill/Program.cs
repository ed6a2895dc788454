using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.Backfill;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });

// stdout carries the run's report; warnings (retries, faults) go to stderr, everything to telemetry.
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
builder.AddServiceDefaults();

builder.Services.AddHttpClient("qdrant");

using var host = builder.Build();
await host.StartAsync();

var exitCode = await new BackfillCommandLine(host.Services, Console.Out, Console.Error, Console.In).InvokeAsync(args);

// Stopping the host flushes the run's spans and metrics before the process ends.
await host.StopAsync();
return exitCode;
