using System.Security.Cryptography;

namespace PatternQuality.AppHost.Postgres;

/// <summary>
/// A salted PBKDF2 fingerprint of the password a cluster was created with, kept beside it (never the password):
/// a later start with another password (user secrets lost, a new Parameters:postgres-password) is refused in one
/// line instead of failing every login without a word on the console.
/// </summary>
internal static class PasswordFingerprint
{
    private const string FileName = "password.fingerprint";
    private const int Iterations = 100_000;

    public static void Write(string root, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        File.WriteAllText(Path.Combine(root, FileName), $"{Convert.ToHexString(salt)}:{Convert.ToHexString(Derive(password, salt))}");
    }

    /// <summary>False when the cluster is known to have been created with another password; true when it matches or is not known.</summary>
    public static bool Matches(string root, string password)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path) || File.ReadAllText(path).Split(':') is not [var salt, var hash])
        {
            return true;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(password, Convert.FromHexString(salt)), Convert.FromHexString(hash));
    }

    private static byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
}
