using System.Globalization;
using System.Text;

namespace PatternQuality.Backfill.Scoring;

/// <summary>
/// The few Python string semantics the reference scorer relied on, reproduced exactly:
/// lengths in code points, <c>str.count</c>, and the Unicode classes of <c>re</c>'s
/// <c>\s</c> and <c>\w</c> (which differ from .NET's in a handful of characters).
/// </summary>
public static class PythonText
{
    /// <summary>Whether the text is longer than <paramref name="limit"/> code points, counting only when it has to.</summary>
    public static bool LongerThan(string text, int limit) =>
        text.Length > limit && (text.Length > 2 * limit || CodePointLength(text) > limit);

    public static int CodePointLength(string text)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }

        return length;
    }

    /// <summary>Pieces of <c>text.split("\n")</c>.</summary>
    public static int LineCount(string text) => text.AsSpan().Count('\n') + 1;

    /// <summary>Non-overlapping occurrences, as Python's <c>str.count</c>.</summary>
    public static int CountOccurrences(string text, string needle)
    {
        var count = 0;
        for (var index = text.IndexOf(needle, StringComparison.Ordinal);
             index >= 0;
             index = text.IndexOf(needle, index + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Python's <c>str.isspace()</c>, which <c>re</c> uses for <c>\s</c>.</summary>
    public static bool IsSpace(int codePoint) => codePoint switch
    {
        >= 0x09 and <= 0x0D or >= 0x1C and <= 0x20 or 0x85 or 0xA0 => true,
        < 0x80 => false,
        _ => Rune.GetUnicodeCategory(new Rune(codePoint)) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
    };

    /// <summary>Python's <c>re</c> <c>\w</c> for str patterns: <c>isalnum()</c> or underscore.</summary>
    public static bool IsWord(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
        }

        return Rune.GetUnicodeCategory(new Rune(codePoint)) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
            or UnicodeCategory.OtherNumber;
    }

    /// <summary>
    /// Whether <c>re.search(r":\s*\w+|\s*->\s*\w+", text)</c> finds a match: some ":" or "->"
    /// whose first following non-space character is a word character.
    /// </summary>
    public static bool HasTypeAnnotation(string text)
    {
        for (var i = text.AsSpan().IndexOfAny(':', '-'); i >= 0; i = NextCandidate(text, i + 1))
        {
            var after = text[i] == ':' ? i + 1
                : i + 1 < text.Length && text[i + 1] == '>' ? i + 2
                : -1;
            if (after >= 0 && FirstNonSpaceIsWord(text, after))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lines of <c>text.split("\n")</c> that contain <paramref name="character"/>.</summary>
    public static int LinesContaining(string text, char character)
    {
        var count = 0;
        var span = text.AsSpan();
        for (var found = span.IndexOf(character); found >= 0; found = span.IndexOf(character))
        {
            count++;
            var lineEnd = span[found..].IndexOf('\n');
            if (lineEnd < 0)
            {
                break;
            }

            span = span[(found + lineEnd + 1)..];
        }

        return count;
    }

    /// <summary>Python's <c>a.lower() == b</c> / <c>b in a.lower()</c> for ASCII text without allocating; other text is lowered as .NET does.</summary>
    public static bool EqualsLowered(string text, string lowered) =>
        Ascii.IsValid(text) ? text.Equals(lowered, StringComparison.OrdinalIgnoreCase) : text.ToLowerInvariant() == lowered;

    public static bool ContainsIgnoringCase(string text, string needle) =>
        Ascii.IsValid(text) && Ascii.IsValid(needle)
            ? text.Contains(needle, StringComparison.OrdinalIgnoreCase)
            : text.ToLowerInvariant().Contains(needle.ToLowerInvariant(), StringComparison.Ordinal);

    private static int NextCandidate(string text, int start)
    {
        var next = text.AsSpan(start).IndexOfAny(':', '-');
        return next < 0 ? -1 : start + next;
    }

    private static bool FirstNonSpaceIsWord(string text, int start)
    {
        var index = start;
        while (index < text.Length)
        {
            var codePoint = CodePointAt(text, index, out var width);
            if (!IsSpace(codePoint))
            {
                return IsWord(codePoint);
            }

            index += width;
        }

        return false;
    }

    private static int CodePointAt(string text, int index, out int width)
    {
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(text[index], text[index + 1]);
        }

        width = 1;
        return text[index];
    }
}
