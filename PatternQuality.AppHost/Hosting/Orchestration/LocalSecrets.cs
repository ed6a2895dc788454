using System.Security.Cryptography;
using System.Text.Json;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// Generated parameter values, kept in <c>secrets.json</c> of the data folder, readable by the
/// user alone, so the next run finds the same PostgreSQL password its data was made with.
/// </summary>
internal sealed class LocalSecrets(string path)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public string Path { get; } = path;

    public string GetOrGenerate(ParameterResource parameter)
    {
        var values = Load();
        if (values.TryGetValue(parameter.Name, out var value) && !string.IsNullOrEmpty(value))
        {
            return value;
        }

        var length = Math.Max(parameter.Generate?.MinLength ?? 22, 22);
        value = RandomNumberGenerator.GetString(Alphabet, length);
        values[parameter.Name] = value;
        Save(values);
        return value;
    }

    private Dictionary<string, string> Load()
    {
        if (!File.Exists(Path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path)) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"{Path} is not valid JSON; fix or delete it (deleting it makes new passwords the kept data will refuse)");
        }
    }

    private void Save(Dictionary<string, string> values)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, values, new JsonSerializerOptions { WriteIndented = true });
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, Path, overwrite: true);
    }
}
