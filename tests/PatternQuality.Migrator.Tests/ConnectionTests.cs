namespace PatternQuality.Migrator.Tests;

/// <summary>The migrator as a process, given addresses that cannot work: one line, non-zero, promptly.</summary>
public sealed class ConnectionTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Definitely Not A Keyword=1")]
    [InlineData("postgresql://user:hunter2@[::1")]
    [InlineData("postgresql://user:hunter2@localhost:5432/db?unknown_param=1")]
    [InlineData("postgresql://user:hunter2@localhost:notaport/db")]
    [InlineData("Port=5432;Username=postgres")]
    [InlineData("   ")]
    public async Task A_bad_database_address_is_a_one_line_usage_error(string address)
    {
        var result = await MigratorHarness.RunProcessAsync(["status", "--database-url", address], Deadline);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(MigratorHarness.Lines(result.StandardError));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("hunter2", line);
    }

    [Fact]
    public async Task No_database_at_all_is_a_one_line_usage_error_naming_the_three_sources()
    {
        var result = await MigratorHarness.RunProcessAsync(["up"], Deadline);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(MigratorHarness.Lines(result.StandardError));
        Assert.Contains("--database-url", line);
        Assert.Contains("ConnectionStrings__omninode-bridge", line);
        Assert.Contains("DATABASE_URL", line);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_one_line_failure()
    {
        var closedPort = LoopbackPort.Free();

        var result = await MigratorHarness.RunProcessAsync(
            ["up", "--database-url", $"postgresql://postgres:hunter2@127.0.0.1:{closedPort}/omninode_bridge"], Deadline);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(MigratorHarness.Lines(result.StandardError));
        Assert.Contains($"cannot connect to the database at 127.0.0.1:{closedPort}/omninode_bridge", line);
        Assert.DoesNotContain("hunter2", line);
    }

    [Fact]
    public async Task A_wrong_password_is_a_one_line_failure_that_does_not_repeat_it()
    {
        var database = await server.CreateDatabaseAsync();
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString.ConnectionString) { Password = "not-the-password" };

        var result = await MigratorHarness.RunProcessAsync(["up", "--database-url", wrong.ConnectionString], Deadline);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(MigratorHarness.Lines(result.StandardError));
        Assert.Contains("password authentication failed", line);
        Assert.DoesNotContain("not-the-password", line);
    }

    [Fact]
    public async Task The_aspire_connection_string_is_used_when_no_flag_is_given()
    {
        var database = await server.CreateDatabaseAsync();
        var program = ProjectPrograms.PathOf("PatternQuality.Migrator");

        var result = await ProcessRunner.RunAsync("dotnet", [program, "up"], Deadline, new Dictionary<string, string?>
        {
            ["ConnectionStrings__omninode-bridge"] = database.ConnectionString.ConnectionString,
            ["DATABASE_URL"] = "postgresql://nobody:nothing@127.0.0.1:1/wrong",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
    }
}
