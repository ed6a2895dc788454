using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatternQuality.Api.Quality;

/// <summary>Where a page ended: the last row's score and pattern id.</summary>
public readonly record struct PagePosition(double Score, Guid PatternId);

/// <summary>
/// Opaque keyset cursors: the last row's position and a fingerprint of the filters, signed
/// with HMAC-SHA256 so a client can neither forge a position nor reuse a cursor with other
/// filters. The key comes from <c>Api:CursorKey</c> (base64, at least 32 bytes); without one,
/// each process makes its own, and cursors do not survive a restart or cross replicas.
/// </summary>
public sealed class PageCursor(byte[] key)
{
    public static PageCursor FromConfiguration(IConfiguration configuration)
    {
        var configured = configuration["Api:CursorKey"];
        var key = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
        return key.Length >= 32 ? new PageCursor(key) : throw new InvalidOperationException("Api:CursorKey must be at least 32 bytes (base64)");
    }

    public string Encode(PagePosition position, string filterFingerprint)
    {
        var body = $"{position.Score.ToString("R", CultureInfo.InvariantCulture)}|{position.PatternId:N}";
        return $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(body))}.{Base64Url.EncodeToString(Sign(body, filterFingerprint))}";
    }

    public bool TryDecode(string cursor, string filterFingerprint, out PagePosition position)
    {
        position = default;
        var dot = cursor.IndexOf('.');
        if (cursor.Length > 200 || dot <= 0)
        {
            return false;
        }

        try
        {
            var body = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor.AsSpan(0, dot)));
            var signature = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(body, filterFingerprint)))
            {
                return false;
            }

            var parts = body.Split('|');
            position = new PagePosition(double.Parse(parts[0], CultureInfo.InvariantCulture), Guid.ParseExact(parts[1], "N"));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[] Sign(string body, string filterFingerprint) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{body}|{filterFingerprint}"))[..16];
}
