using Microsoft.Extensions.Configuration;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.ServiceDefaults.Tests;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void A_url_gives_host_port_user_password_and_database()
    {
        var builder = DatabaseUrl.Parse("postgresql://bridge:s%40cret%2Fpw@db.internal:6543/omninode_bridge");

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("bridge", builder.Username);
        Assert.Equal("s@cret/pw", builder.Password);
        Assert.Equal("omninode_bridge", builder.Database);
    }

    [Theory]
    [InlineData("postgres://u:p@localhost/db", "localhost", 5432)]
    [InlineData("postgresql://u:p@[::1]:5433/db", "::1", 5433)]
    [InlineData("POSTGRESQL://u:p@127.0.0.1:5434/db", "127.0.0.1", 5434)]
    public void Both_schemes_default_port_and_ipv6_are_understood(string url, string host, int port)
    {
        var builder = DatabaseUrl.Parse(url);

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
    }

    [Fact]
    public void Libpq_query_parameters_map_to_npgsql_settings()
    {
        var builder = DatabaseUrl.Parse("postgresql://u:p@h/db?sslmode=verify-full&application_name=ops&connect_timeout=7");

        Assert.Equal(Npgsql.SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("ops", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void A_keyword_string_as_aspire_injects_it_is_taken_as_is()
    {
        var builder = DatabaseUrl.Parse("Host=localhost;Port=55432;Username=postgres;Password=x;Database=omninode_bridge");

        Assert.Equal(55432, builder.Port);
        Assert.Equal("omninode_bridge", builder.Database);
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgresql://")]
    [InlineData("postgresql://u:hunter2@h/db/extra")]
    [InlineData("postgresql://u:hunter2@h/db?sslmode=sometimes")]
    [InlineData("postgresql://u:hunter2@h/db?password=leak")]
    [InlineData("Host=h;Password=hunter2;Bogus=1")]
    [InlineData("Password=hunter2")]
    public void Unusable_addresses_are_refused_without_repeating_a_secret(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => DatabaseUrl.Parse(value));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_flag_wins_over_the_aspire_connection_string_which_wins_over_database_url()
    {
        var configuration = Configuration(("ConnectionStrings:omninode-bridge", "Host=from-aspire"), ("DATABASE_URL", "postgresql://u:p@from-env/db"));

        Assert.Equal("from-flag", DatabaseSettings.Resolve("Host=from-flag", configuration, "test").Host);
        Assert.Equal("from-aspire", DatabaseSettings.Resolve(null, configuration, "test").Host);
        Assert.Equal("from-env", DatabaseSettings.Resolve(null, Configuration(("DATABASE_URL", "postgresql://u:p@from-env/db")), "test").Host);
    }

    [Fact]
    public void The_application_name_is_set_unless_the_address_gives_one()
    {
        Assert.Equal("patternquality-test", DatabaseSettings.Resolve("Host=h", Configuration(), "patternquality-test").ApplicationName);
        Assert.Equal("mine", DatabaseSettings.Resolve("Host=h;Application Name=mine", Configuration(), "patternquality-test").ApplicationName);
    }

    [Fact]
    public void An_error_names_where_the_bad_value_came_from()
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            DatabaseSettings.Resolve(null, Configuration(("DATABASE_URL", "postgresql://u:p@h/db?nope=1")), "test"));

        Assert.EndsWith("(from DATABASE_URL)", error.Message);
    }

    [Fact]
    public void Nothing_given_names_every_place_to_give_it()
    {
        var error = Assert.Throws<InvalidSettingException>(() => DatabaseSettings.Resolve(null, Configuration(), "test"));

        Assert.Contains("--database-url", error.Message);
        Assert.Contains("ConnectionStrings__omninode-bridge", error.Message);
        Assert.Contains("DATABASE_URL", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
