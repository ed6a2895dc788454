using PatternQuality.Programs;

namespace PatternQuality.AppHost.Tests;

/// <summary>The one lookup of the PostgreSQL server programs that the AppHost and the tests share.</summary>
public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("pq-pg-bin-").FullName;

    [Fact]
    public void A_folder_given_is_the_only_one_looked_in()
    {
        var debian = Server(Path.Combine("debian", "15", "bin"));
        var given = Path.Combine(root, "given");
        Directory.CreateDirectory(given);

        Assert.Null(PostgresBinaries.Find(given, null, Path.Combine(root, "debian")));
        Assert.Equal(debian, PostgresBinaries.Find(null, null, Path.Combine(root, "debian")));
        Assert.Equal(Server("given"), PostgresBinaries.Find(given, null, Path.Combine(root, "debian")));
    }

    [Fact]
    public void Debian_folders_come_newest_first_then_PATH()
    {
        Server(Path.Combine("debian", "9", "bin"));
        var newest = Server(Path.Combine("debian", "15", "bin"));
        var onPath = Server("local");

        Assert.Equal(newest, PostgresBinaries.Find(null, onPath, Path.Combine(root, "debian")));
        Assert.Equal(onPath, PostgresBinaries.Find(null, $"/nonexistent:{onPath}", Path.Combine(root, "nothing-here")));
    }

    [Fact]
    public void A_folder_without_every_server_program_does_not_count()
    {
        var partial = Path.Combine(root, "partial");
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "initdb"), "");
        File.WriteAllText(Path.Combine(partial, "pg_ctl"), "");

        Assert.Null(PostgresBinaries.Find(null, partial, Path.Combine(root, "nothing-here")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Server(string relative)
    {
        var directory = Path.Combine(root, relative);
        Directory.CreateDirectory(directory);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.WriteAllText(Path.Combine(directory, program), "");
        }

        return directory;
    }
}
