using System.Reflection;
using System.Text.RegularExpressions;

namespace PatternQuality.Migrator.Migrations;

/// <summary>
/// The ordered set of migrations this migrator knows, read from files named
/// <c>NNN_name.up.sql</c>, <c>NNN_name.down.sql</c> and <c>NNN_name.adopt.sql</c>:
/// the ones built into the program, or those of a directory given on the command line.
/// </summary>
public sealed partial class MigrationCatalog
{
    private const string ResourcePrefix = "Migrations/";

    private MigrationCatalog(IReadOnlyList<Migration> migrations) => Migrations = migrations;

    public IReadOnlyList<Migration> Migrations { get; }

    public Migration? Find(int version) => Migrations.FirstOrDefault(m => m.Version == version);

    public static MigrationCatalog BuiltIn()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => (FileName: name[ResourcePrefix.Length..], Text: ReadResource(assembly, name)));
        return FromFiles(files);
    }

    public static MigrationCatalog FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MigratorException($"migrations directory '{directory}' does not exist");
        }

        var files = Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => (FileName: Path.GetFileName(path), Text: File.ReadAllText(path)));
        return FromFiles(files);
    }

    public static MigrationCatalog FromFiles(IEnumerable<(string FileName, string Text)> files)
    {
        var parts = new Dictionary<int, MigrationParts>();
        foreach (var (fileName, text) in files)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigratorException(
                    $"migration file '{fileName}' is not named NNN_name.up.sql, NNN_name.down.sql or NNN_name.adopt.sql");
            }

            var version = int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var name = match.Groups["name"].Value;
            if (!parts.TryGetValue(version, out var entry))
            {
                parts[version] = entry = new MigrationParts(name);
            }
            else if (entry.Name != name)
            {
                throw new MigratorException($"migration {version:D3} has two names: '{entry.Name}' and '{name}'");
            }

            entry.Set(match.Groups["kind"].Value, text);
        }

        var migrations = parts
            .OrderBy(pair => pair.Key)
            .Select(pair => pair.Value.Build(pair.Key))
            .ToList();
        return new MigrationCatalog(migrations);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{3,9})_(?<name>[a-z0-9_]+)\.(?<kind>up|down|adopt)\.sql$")]
    private static partial Regex FileNamePattern();

    private sealed class MigrationParts(string name)
    {
        public string Name { get; } = name;

        private string? up;
        private string? down;
        private string? adopt;

        public void Set(string kind, string text)
        {
            switch (kind)
            {
                case "up": up = text; break;
                case "down": down = text; break;
                default: adopt = text; break;
            }
        }

        public Migration Build(int version) =>
            up is null
                ? throw new MigratorException($"migration {version:D3} {Name} has no .up.sql file")
                : new Migration(version, Name, up, down, adopt);
    }
}
