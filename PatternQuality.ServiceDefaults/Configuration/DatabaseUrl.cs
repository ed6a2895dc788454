using Npgsql;

namespace PatternQuality.ServiceDefaults.Configuration;

/// <summary>
/// Turns what users hand us as a database address into an Npgsql connection string:
/// either a URL (<c>postgresql://user:pass@host:port/db?sslmode=require</c>) as Heroku,
/// libpq and most tooling write them, or an Npgsql keyword string as Aspire injects it.
/// </summary>
public static class DatabaseUrl
{
    private static readonly Dictionary<string, string> UrlQueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["keepalives_idle"] = "Keepalive",
        ["search_path"] = "Search Path",
    };

    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidSettingException("the database address is empty");
        }

        var trimmed = value.Trim();
        return IsUrl(trimmed) ? FromUrl(trimmed) : FromKeywords(trimmed);
    }

    private static bool IsUrl(string value) =>
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new InvalidSettingException("the database connection string names no Host");
            }

            return builder;
        }
        catch (ArgumentException ex)
        {
            // Npgsql's message names the offending keyword, never its value.
            throw new InvalidSettingException($"invalid database connection string: {OneLine(ex.Message)}");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidSettingException(
                "invalid database URL: expected postgresql://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
        };

        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/'))
        {
            throw new InvalidSettingException("invalid database URL: the path must be a single database name");
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        ApplyQuery(builder, uri.Query);
        return builder;
    }

    private static void ApplyQuery(NpgsqlConnectionStringBuilder builder, string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            var rawValue = separator < 0 ? "" : Uri.UnescapeDataString(pair[(separator + 1)..]);
            if (!UrlQueryKeywords.TryGetValue(key, out var keyword))
            {
                throw new InvalidSettingException($"invalid database URL: unsupported parameter '{Printable(key)}'");
            }

            try
            {
                builder[keyword] = keyword == "SSL Mode" ? ToNpgsqlSslMode(rawValue) : rawValue;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new InvalidSettingException($"invalid database URL: bad value for '{key}'");
            }
        }
    }

    private static string ToNpgsqlSslMode(string libpqMode) => libpqMode.ToLowerInvariant() switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => throw new ArgumentException("unknown sslmode"),
    };

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
