using System.Runtime.InteropServices;
using System.Text.Json;

namespace PatternQuality.LocalQdrant.Storage;

internal static class RawJson
{
    /// <summary>The element's JSON text exactly as it arrived, without re-serialising it.</summary>
    public static byte[] Bytes(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).ToArray();
}
