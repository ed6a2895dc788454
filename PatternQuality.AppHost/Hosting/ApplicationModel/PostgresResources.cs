namespace PatternQuality.AppHost.Hosting;

public sealed class PostgresServerResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithWaitSupport
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    public PostgresServerResource(string name, ParameterResource password) : base(name)
    {
        PasswordParameter = password;
        Annotations.Add(new EndpointAnnotation(PrimaryEndpointName, "tcp", "tcp", targetPort: 5432));
        Annotations.Add(new ContainerImageAnnotation("docker.io", "library/postgres", "17.6"));
    }

    public ParameterResource PasswordParameter { get; }

    public Dictionary<string, string> Databases { get; } = new(StringComparer.Ordinal);

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}

public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent, IResourceWithWaitSupport
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    IResource IResourceWithParent.Parent => Parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
