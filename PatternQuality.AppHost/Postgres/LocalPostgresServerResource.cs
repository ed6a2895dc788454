namespace PatternQuality.AppHost.Postgres;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries, where no container engine answers: a process
/// under DCP on 127.0.0.1, its cluster in <see cref="DataDirectory"/>, as the <c>postgres</c> user when the
/// AppHost runs as root (PostgreSQL refuses root).
/// </summary>
public sealed class LocalPostgresServerResource(string name, ParameterResource password, string dataDirectory, string? binaries, OsAccount? account)
    : ExecutableResource(name, account is null ? Path.Combine(binaries ?? "", "postgres") : "setpriv", dataDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    private EndpointReference? primaryEndpoint;

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The cluster's folder (PGDATA).</summary>
    public string DataDirectory { get; } = Path.Combine(dataDirectory, "data");

    /// <summary>The folder of initdb and postgres; null when the machine has none, and then the server cannot start.</summary>
    public string? Binaries { get; } = binaries;

    /// <summary>The account PostgreSQL runs as when the AppHost is root; null when it runs as the AppHost's user.</summary>
    public OsAccount? Account { get; } = account;

    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties()
    {
        yield return new("Host", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Port)}"));
        yield return new("Username", ReferenceExpression.Create($"{UserName}"));
        yield return new("Password", ReferenceExpression.Create($"{PasswordParameter}"));
    }
}
