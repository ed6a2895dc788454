using PatternQuality.Migrator;
using Xunit;

namespace PatternQuality.Testing;

/// <summary>Brings a test database to a schema version with the migrator's own command line, in this process.</summary>
public static class DatabaseMigrations
{
    /// <param name="arguments">The migrator's command, <c>up</c> when none is given.</param>
    public static async Task ApplyAsync(TestDatabase database, params string[] arguments)
    {
        var error = new StringWriter();
        var exitCode = await new MigratorCommandLine(TestHosts.WithoutEnvironment, TextWriter.Null, error)
            .InvokeAsync([.. arguments.Length == 0 ? ["up"] : arguments, "--database-url", database.Url], CancellationToken.None);
        Assert.True(exitCode == 0, $"migrator {string.Join(' ', arguments)} failed: {error}");
    }
}
