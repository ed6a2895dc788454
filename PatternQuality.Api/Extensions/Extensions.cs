using System.Text.Json;
using PatternQuality.Api.Coverage;
using PatternQuality.Api.Data;
using PatternQuality.Api.Problems;
using PatternQuality.Api.Quality;
using PatternQuality.Api.Runs;
using PatternQuality.ServiceDefaults.CommandLine;
using Scalar.AspNetCore;

namespace PatternQuality.Api.Extensions;

internal static class Extensions
{
    /// <summary>
    /// The API's services: the read-only database, problem details for a database that is away or not migrated,
    /// OpenAPI, snake_case JSON and the readers. False, with the exit code, when a setting cannot be used.
    /// </summary>
    public static bool TryAddApplicationServices(this WebApplicationBuilder builder, out int exitCode)
    {
        if (ServerCommandLine.Setting(builder.AddReadOnlyDatabase, Console.Error, out exitCode) is null)
        {
            return false;
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
        builder.Services.AddSingleton<CoverageReader>();
        return true;
    }

    /// <summary>Failures as problem details; in Development the OpenAPI document and its Scalar reference.</summary>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
