namespace PatternQuality.Migrator.Tests;

/// <summary>A test-only set of migration files in a temporary directory.</summary>
public sealed class MigrationSetDirectory : IDisposable
{
    public MigrationSetDirectory(params (string FileName, string Sql)[] files)
    {
        Path = Directory.CreateTempSubdirectory("pq-migrations-").FullName;
        foreach (var (fileName, sql) in files)
        {
            Write(fileName, sql);
        }
    }

    public string Path { get; }

    public void Write(string fileName, string sql) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), sql);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
