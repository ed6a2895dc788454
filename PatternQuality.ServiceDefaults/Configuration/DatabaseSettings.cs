using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PatternQuality.ServiceDefaults.Configuration;

/// <summary>
/// Where a service finds the omninode_bridge database, in the order DESIGN.md fixes:
/// an explicit flag, then the Aspire connection string, then <c>DATABASE_URL</c>.
/// </summary>
public static class DatabaseSettings
{
    public const string ConnectionName = "omninode-bridge";
    public const string EnvironmentVariable = "DATABASE_URL";

    public static NpgsqlConnectionStringBuilder Resolve(string? flagValue, IConfiguration configuration, string applicationName)
    {
        var (value, source) = FirstGiven(
            (flagValue, "--database-url"),
            (configuration.GetConnectionString(ConnectionName), $"ConnectionStrings:{ConnectionName}"),
            (configuration[EnvironmentVariable], EnvironmentVariable));

        if (value is null)
        {
            throw new InvalidSettingException(
                $"no database given: pass --database-url, or set ConnectionStrings__{ConnectionName} or {EnvironmentVariable}");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = DatabaseUrl.Parse(value);
        }
        catch (InvalidSettingException ex)
        {
            throw new InvalidSettingException($"{ex.Message} (from {source})");
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }

        return builder;
    }

    /// <summary>Host, port and database, for messages: never the user name or password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";

    private static (string? Value, string Source) FirstGiven(params (string? Value, string Source)[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate.Value))
            {
                return candidate;
            }
        }

        return (null, "");
    }
}
