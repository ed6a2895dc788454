using System.Text.Json;

namespace PatternQuality.Contracts.Answers;

/// <summary>Writes and reads <see cref="ToolAnswer"/>s, one JSON object per line.</summary>
public static class ToolAnswers
{
    /// <summary>The contract this build writes and reads; raised when a record changes in a way old readers would misread.</summary>
    public const int Contract = 1;

    /// <summary>The option that asks a tool for its answers, and its value.</summary>
    public const string OutputOption = "--output";

    public const string JsonOutput = "json";

    /// <summary>The arguments that make a tool answer in JSON.</summary>
    public static IReadOnlyList<string> JsonOutputArguments { get; } = [OutputOption, JsonOutput];

    private static readonly JsonSerializerOptions Indented = new(AnswerJsonContext.Default.Options) { WriteIndented = true };

    public static string Serialize(ToolAnswer answer) => JsonSerializer.Serialize(answer, AnswerJsonContext.Default.ToolAnswer);

    /// <summary>The answer laid out for people to read (the dashboard shows it with a command's outcome).</summary>
    public static string SerializeIndented(ToolAnswer answer) => JsonSerializer.Serialize(answer, Indented.GetTypeInfo(typeof(ToolAnswer)));

    public static void Write(TextWriter output, ToolAnswer answer)
    {
        output.WriteLine(Serialize(answer));
        output.Flush();
    }

    /// <summary>Reads one answer; <paramref name="from"/> names the tool in the refusal.</summary>
    /// <exception cref="ContractException">the line is not an answer of this contract</exception>
    public static ToolAnswer Read(string line, string from)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            throw new ContractException($"{from} did not answer in JSON ({Excerpt(line)}); is it a build from before `--output json`? Build it with this AppHost");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("contract", out var contract) || contract.ValueKind != JsonValueKind.Number)
            {
                throw new ContractException($"{from} answered JSON without a contract ({Excerpt(line)}); this build reads contract {Contract}");
            }

            if (!contract.TryGetInt32(out var version) || version != Contract)
            {
                throw new ContractException($"{from} answered in contract {contract.GetRawText()}; this build reads contract {Contract}: build them together");
            }

            try
            {
                return root.Deserialize(AnswerJsonContext.Default.ToolAnswer)
                    ?? throw new ContractException($"{from} answered null");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                throw new ContractException($"{from} answered contract {Contract} but not a known answer: {ex.Message}");
            }
        }
    }

    /// <summary>The answer at the end of a command's output (its last non-empty line).</summary>
    public static ToolAnswer ReadLast(IReadOnlyList<string> lines, string from) =>
        lines.LastOrDefault(line => line.Length > 0) is { } last
            ? Read(last, from)
            : throw new ContractException($"{from} wrote no answer");

    /// <summary>An answer in a console line, wherever a log prefix put it; false for lines that are not answers.</summary>
    public static bool TryFind(string text, string from, out ToolAnswer? answer)
    {
        answer = null;
        var start = text.IndexOf("{\"answer\":", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        answer = Read(text[start..], from);
        return true;
    }

    private static string Excerpt(string line) => line.Length <= 80 ? $"'{line}'" : $"'{line[..80]}...'";
}
