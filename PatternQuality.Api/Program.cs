using System.Text.Json;
using PatternQuality.Api;
using PatternQuality.Api.Data;
using PatternQuality.Api.Problems;
using PatternQuality.Api.Quality;
using PatternQuality.Api.Runs;
using PatternQuality.Api.Schema;
using PatternQuality.ServiceDefaults.CommandLine;
using Scalar.AspNetCore;

if (new ServerCommandLine("PatternQuality.Api", """
    [--urls URL]
      The query API over pattern_quality_metrics; the database from ConnectionStrings__omninode-bridge, else DATABASE_URL.
    """, "--urls", "--environment", "--contentRoot", "--applicationName").Answer(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
if (ServerCommandLine.Setting(builder.AddReadOnlyDatabase, Console.Error, out var invalid) is null)
{
    return invalid;
}

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
builder.Services.AddExceptionHandler<SchemaNotReadyHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
});

builder.Services.AddSingleton(services => PageCursor.FromConfiguration(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<QualityReader>();
builder.Services.AddSingleton<BackfillRunReader>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
    app.MapScalarApiReference();
}

app.MapDefaultEndpoints();
app.MapQualityEndpoints();
app.MapBackfillRunEndpoints();
app.MapMigrationEndpoints();

app.Run();
return 0;
