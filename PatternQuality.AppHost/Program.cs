using PatternQuality.AppHost.OperatorConsole;
using PatternQuality.AppHost.Dashboard;
using PatternQuality.AppHost.Postgres;
using PatternQuality.AppHost.Projects;
using PatternQuality.AppHost.Publishing;
using PatternQuality.AppHost.Qdrant;
using PatternQuality.Contracts.Tools;

if (AppHostUsage.Requested(args))
{
    AppHostUsage.Print(Console.Out);
    return;
}

var builder = DistributedApplication.CreateBuilder(args);
builder.AddOperatorConsole();

// Containers where an engine answers; else local processes; or the servers named by ConnectionStrings:*.
var database = builder.AddPostgresDatabase("postgres", "omninode-bridge", databaseName: "omninode_bridge");
var qdrant = builder.AddQdrantServer("qdrant");

var migrator = builder.AddProjectByPath("migrator", "../PatternQuality.Migrator/PatternQuality.Migrator.csproj")
    .WithArgs(MigratorArguments.Up)
    .WithReference(database)
    .WaitFor(database)
    .WithMigrationCommands();

var backfill = builder.AddProjectByPath("backfill", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj")
    .WithReference(database)
    .WithReference(qdrant)
    .WaitFor(qdrant)
    .WaitForCompletion(migrator)
    .WithWorkers()
    .WithPassSchedule()
    .WithBackfillProgress()
    .WithBackfillCommands();

builder.AddProjectByPath("api", "../PatternQuality.Api/PatternQuality.Api.csproj")
    .WithReference(database)
    .WaitForCompletion(migrator)
    .WithExternalHttpEndpoints()
    .WithHttpProbe(ProbeType.Readiness, "/health", endpointName: "http")
    .WithApiLinks();

// The demo dataset, for local runs against a Qdrant this AppHost starts: never published, never
// written into a server the user runs, and a no-op once the collections hold data. It runs beside
// the migrator, waiting for the database and its lineage table only when it has something to write.
if (builder.ExecutionContext.IsRunMode && qdrant.IsStartedHere())
{
    var seed = builder.AddProjectByPath("seed-demo", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj")
        .WithArgs(BackfillArguments.SeedDemo, BackfillArguments.IfEmpty, BackfillArguments.WaitForSchema, "60")
        .WithReference(database)
        .WithReference(qdrant)
        .WaitFor(qdrant);
    backfill.WaitForCompletion(seed);
}

builder.AddStagingPublishers();

builder.Build().Run();
