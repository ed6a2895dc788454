using System.Security.Cryptography;
using System.Text;

namespace PatternQuality.Migrator.Migrations;

public static class MigrationChecksum
{
    /// <summary>SHA-256 of the script with line endings normalised, so a CRLF checkout does not count as a change.</summary>
    public static string Of(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
}
