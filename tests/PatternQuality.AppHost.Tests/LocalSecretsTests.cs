namespace PatternQuality.AppHost.Tests;

public sealed class LocalSecretsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pq-secrets-").FullName;

    private string PathOfSecrets => Path.Combine(directory, "secrets.json");

    [Fact]
    public void A_generated_value_is_kept_for_the_next_run_in_a_file_only_the_user_reads()
    {
        var password = new ParameterResource("postgres-password", secret: true, new GenerateParameterDefault(MinLength: 22));
        var key = new ParameterResource("qdrant-Key", secret: true, new GenerateParameterDefault(MinLength: 30));

        var first = new LocalSecrets(PathOfSecrets).GetOrGenerate(password);
        var again = new LocalSecrets(PathOfSecrets).GetOrGenerate(password);
        var other = new LocalSecrets(PathOfSecrets).GetOrGenerate(key);

        Assert.Equal(first, again);
        Assert.Matches("^[A-Za-z0-9]{22}$", first);
        Assert.Matches("^[A-Za-z0-9]{30}$", other);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOfSecrets));
    }

    [Fact]
    public void A_damaged_file_is_one_clear_error_and_is_not_overwritten()
    {
        File.WriteAllText(PathOfSecrets, "{ not json");
        var password = new ParameterResource("postgres-password", secret: true, new GenerateParameterDefault());

        var error = Assert.Throws<InvalidOperationException>(() => new LocalSecrets(PathOfSecrets).GetOrGenerate(password));
        Assert.Contains("is not valid JSON", error.Message);
        Assert.Equal("{ not json", File.ReadAllText(PathOfSecrets));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
