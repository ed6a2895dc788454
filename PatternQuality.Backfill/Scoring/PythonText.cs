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
        for (var i = 0; i < text.Length; i++)
        {
            var after = text[i] == ':' ? i + 1
                : text[i] == '-' && i + 1 < text.Length && text[i + 1] == '>' ? i + 2
                : -1;
            if (after >= 0 && FirstNonSpaceIsWord(text, after))
            {
                return true;
            }
        }

        return false;
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
