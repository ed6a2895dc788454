namespace PatternQuality.AppHost.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>A PostgreSQL server; its password is the secret parameter <c>{name}-password</c>, generated when not given.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddParameter($"{name}-password", secret: true, generate: new GenerateParameterDefault(MinLength: 22));
        var server = new PostgresServerResource(name, password.Resource);
        return builder.AddResource(server)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256";
                context.EnvironmentVariables["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256";
                context.EnvironmentVariables["POSTGRES_USER"] = PostgresServerResource.UserName;
                context.EnvironmentVariables["POSTGRES_PASSWORD"] = server.PasswordParameter;
            });
    }

    /// <summary>A database on the server, created when missing.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases[name] = database.DatabaseName;
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>Keeps the server's data in a named volume (containers) or the AppHost's data folder (local processes).</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> server, string? name = null) =>
        server.WithAnnotation(new ContainerVolumeAnnotation(name ?? $"patternquality-{server.Resource.Name}-data", "/var/lib/postgresql/data"));
}

public static class QdrantBuilderExtensions
{
    /// <summary>A Qdrant server with gRPC (6334) and REST (6333) endpoints; its API key is the secret parameter <c>{name}-Key</c>.</summary>
    public static IResourceBuilder<QdrantServerResource> AddQdrant(this IDistributedApplicationBuilder builder, string name)
    {
        var apiKey = builder.AddParameter($"{name}-Key", secret: true, generate: new GenerateParameterDefault(MinLength: 22, Special: false));
        var qdrant = new QdrantServerResource(name, apiKey.Resource);
        return builder.AddResource(qdrant)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["QDRANT__SERVICE__API_KEY"] = qdrant.ApiKeyParameter;
                context.EnvironmentVariables["QDRANT__SERVICE__ENABLE_STATIC_CONTENT"] = "0";
            });
    }

    public static IResourceBuilder<QdrantServerResource> WithDataVolume(this IResourceBuilder<QdrantServerResource> qdrant, string? name = null) =>
        qdrant.WithAnnotation(new ContainerVolumeAnnotation(name ?? $"patternquality-{qdrant.Resource.Name}-data", "/qdrant/storage"));
}

public static class ParameterBuilderExtensions
{
    public static IResourceBuilder<ParameterResource> AddParameter(
        this IDistributedApplicationBuilder builder, string name, bool secret = false, GenerateParameterDefault? generate = null) =>
        builder.AddResource(new ParameterResource(name, secret, generate));
}
