using System.Net.Sockets;
using Npgsql;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Migrator;

public static class DatabaseConnection
{
    /// <summary>Opens a connection whose server notices (RAISE NOTICE in scripts) reach the operator.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, TextWriter output, CancellationToken cancellationToken)
    {
        var connection = dataSource.CreateConnection();
        connection.Notice += (_, args) => output.WriteLine($"  {args.Notice.MessageText}");
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            await connection.DisposeAsync();
            var where = DatabaseSettings.Describe(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString));
            throw new MigratorException($"cannot connect to the database at {where}: {Reason(ex)}", ex);
        }
    }

    private static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost is not PostgresException && innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var text = innermost is PostgresException postgres ? postgres.MessageText : innermost.Message;
        return text.ReplaceLineEndings(" ");
    }
}
