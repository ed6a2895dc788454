using PatternQuality.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume();
var database = postgres.AddDatabase("omninode-bridge", databaseName: "omninode_bridge");

var qdrant = builder.AddQdrant("qdrant")
    .WithDataVolume();

var migrator = builder.AddProject("migrator", "../PatternQuality.Migrator/PatternQuality.Migrator.csproj")
    .WithArgs("up")
    .WithReference(database)
    .WaitFor(database);

var backfill = builder.AddProject("backfill", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj")
    .WithReference(database)
    .WithReference(qdrant)
    .WaitFor(qdrant)
    .WaitForCompletion(migrator);

builder.AddProject("api", "../PatternQuality.Api/PatternQuality.Api.csproj")
    .WithReference(database)
    .WaitForCompletion(migrator)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The demo dataset, for local runs against a Qdrant this AppHost starts: never published,
// never written into a Qdrant given by connection string, and a no-op once collections hold data.
if (builder.ExecutionContext.IsRunMode && string.IsNullOrEmpty(builder.Configuration["ConnectionStrings:qdrant_http"]))
{
    var seed = builder.AddProject("seed-demo", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj")
        .WithArgs("seed-demo", "--if-empty")
        .WithReference(database)
        .WithReference(qdrant)
        .WaitFor(qdrant)
        .WaitForCompletion(migrator);
    backfill.WaitForCompletion(seed);
}

builder.Build().Run();
