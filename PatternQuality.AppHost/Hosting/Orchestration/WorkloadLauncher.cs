using Microsoft.Extensions.Hosting;
using Npgsql;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>Starts each kind of resource the way this machine allows: container, local process, or an existing server.</summary>
internal sealed class WorkloadLauncher(
    DistributedApplicationModel model, RuntimeValues values, AppHostOptions options, string dataDirectory,
    string? containerCli, ProjectOutputs outputs, IHostEnvironment hostEnvironment, ResourceLoggerService logs, OtlpTarget? otlp)
{
    private TimeSpan Grace => TimeSpan.FromSeconds(options.StopTimeoutSeconds);

    public async Task<ResourceWorkload> StartAsync(IResource resource, CancellationToken cancellationToken) => resource switch
    {
        _ when values.IsExternal(resource) => ResourceWorkload.Nothing(new Dictionary<string, string>
        {
            ["runs as"] = $"an existing server (ConnectionStrings:{resource.Name}{(resource is QdrantServerResource ? "_http" : "")})",
        }),
        PostgresServerResource server when containerCli is not null => await StartContainerAsync(server),
        PostgresServerResource server => await StartLocalPostgresAsync(server, cancellationToken),
        PostgresDatabaseResource database => await CreateDatabaseAsync(database, cancellationToken),
        QdrantServerResource qdrant when containerCli is not null => await StartContainerAsync(qdrant),
        QdrantServerResource qdrant => StartLocalQdrant(qdrant),
        ProjectResource project => StartProject(project),
        _ => throw new NotSupportedException($"the engine cannot run a {resource.GetType().Name}"),
    };

    private async Task<ResourceWorkload> StartLocalPostgresAsync(PostgresServerResource server, CancellationToken cancellationToken)
    {
        var root = Path.Combine(dataDirectory, server.Name);
        var process = await new PostgresLocalServer(root, Log(server)).StartAsync(
            server.PrimaryEndpoint.Annotation.Allocated!.Port, values.ParameterValue(server.PasswordParameter), cancellationToken);
        return new ResourceWorkload(process, () => process.StopAsync(ManagedProcess.SigInt, Grace * 3), new Dictionary<string, string>
        {
            ["runs as"] = "local process (the machine's PostgreSQL binaries)",
            ["data"] = Path.Combine(root, "data"),
        });
    }

    private async Task<ResourceWorkload> CreateDatabaseAsync(PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(values.ConnectionString(database.Parent))
        {
            Database = "postgres",
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database.DatabaseName)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Log(database)($"created database {database.DatabaseName}", false);
        }

        return ResourceWorkload.Nothing(new Dictionary<string, string> { ["database"] = database.DatabaseName });
    }

    private ResourceWorkload StartLocalQdrant(QdrantServerResource qdrant)
    {
        var (spec, description) = QdrantLocalServer.Command(
            qdrant, dataDirectory, values.ParameterValue(qdrant.ApiKeyParameter), QdrantLocalServer.FindQdrantBinary(), outputs);
        var process = ManagedProcess.Start(spec, Log(qdrant));
        return new ResourceWorkload(process, () => process.StopAsync(ManagedProcess.SigTerm, Grace), new Dictionary<string, string>
        {
            ["runs as"] = description,
        })
        {
            Urls = description == QdrantLocalServer.LocalStoreDescription ? [qdrant.HttpEndpoint.Annotation.Allocated!.Url] : null,
        };
    }

    private async Task<ResourceWorkload> StartContainerAsync(IResource resource)
    {
        var name = $"patternquality-{resource.Name}";
        var environment = ResourceEnvironment.Build(resource, model.ExecutionContext, values);
        var cli = containerCli!;
        // A container of the same name left by an AppHost that did not stop.
        var removal = ManagedProcess.Start(new ProcessSpec(cli, ["rm", "--force", name], dataDirectory, new Dictionary<string, string?>()), (_, _) => { });
        await Task.WhenAny(removal.Exited, Task.Delay(TimeSpan.FromSeconds(30)));
        var process = ManagedProcess.Start(ContainerRuntime.RunCommand(cli, name, resource, environment, dataDirectory), Log(resource));
        return new ResourceWorkload(process, async () =>
        {
            await ManagedProcess.Start(new ProcessSpec(cli, ["stop", "--time", options.StopTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), name],
                dataDirectory, new Dictionary<string, string?>()), (_, _) => { }).Exited;
            await process.StopAsync(ManagedProcess.SigTerm, Grace);
        }, new Dictionary<string, string>
        {
            ["runs as"] = $"{cli} container {name}",
            ["image"] = resource.AnnotationsOf<ContainerImageAnnotation>().Single().Reference,
        });
    }

    private ResourceWorkload StartProject(ProjectResource project)
    {
        var program = outputs.ProgramOf(project);
        var environment = ProjectEnvironment.Build(project, model.ExecutionContext, values, otlp, hostEnvironment.EnvironmentName);
        var args = project.AnnotationsOf<CommandLineArgsAnnotation>().SelectMany(a => a.Args);
        var process = ManagedProcess.Start(new ProcessSpec("dotnet", [program, .. args], Path.GetDirectoryName(project.ProjectPath)!, environment), Log(project));
        return new ResourceWorkload(process, () => process.StopAsync(ManagedProcess.SigTerm, Grace), new Dictionary<string, string>
        {
            ["runs as"] = "local process",
            ["program"] = program,
        });
    }

    private Action<string, bool> Log(IResource resource) => (line, isError) => logs.Write(resource.Name, line, isError);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
