namespace PatternQuality.AppHost.Postgres;

/// <summary>A database on a <see cref="LocalPostgresServerResource"/>, created once the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        ((IResourceWithConnectionString)Parent).GetConnectionProperties()
            .Append(new("Database", ReferenceExpression.Create($"{DatabaseName}")));
}
