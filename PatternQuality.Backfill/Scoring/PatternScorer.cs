namespace PatternQuality.Backfill.Scoring;

/// <summary>
/// The reference scoring rules of SCORING.md, version 1.0.0. Each dimension adds its terms
/// in the order the rules list them, so the doubles come out bit for bit as the original's.
/// </summary>
public static class PatternScorer
{
    public const string Version = "1.0.0";

    private static readonly string[] IncompletenessMarkers = ["pass", "TODO", "NotImplemented", "...", "raise NotImplementedError"];
    private static readonly string[] StructureKeywords = ["async def ", "class "];
    private static readonly string[] OnexNodeNames = ["Effect", "Compute", "Reducer", "Orchestrator"];

    public static QualityScore Score(MappedPattern pattern)
    {
        var branches = BranchCounts.Of(pattern.Code);
        return new(
            Completeness(pattern.Code, branches),
            Documentation(pattern.Code, pattern.Text),
            OnexCompliance(pattern.NodeType, pattern.PatternName, pattern.Code),
            MetadataRichness(pattern.UseCaseCount, pattern.ExampleCount, pattern.MetadataKeyCount),
            Complexity(pattern.Code, pattern.DeclaredComplexity, branches));
    }

    public static double Completeness(string code) => Completeness(code, BranchCounts.Of(code));

    private static double Completeness(string code, BranchCounts branches)
    {
        if (code.Length == 0)
        {
            return 0.0;
        }

        var score = 1.0;
        foreach (var marker in IncompletenessMarkers)
        {
            if (code.Contains(marker, StringComparison.Ordinal))
            {
                score -= 0.2;
            }
        }

        // "if ", "for " and "while " were counted already; only the other two keywords need a scan.
        if (branches.If + branches.For + branches.While > 0 || ContainsAny(code, StructureKeywords))
        {
            score += 0.1;
        }

        if (code.Contains("import ", StringComparison.Ordinal))
        {
            score += 0.05;
        }

        score += Math.Min(0.15, PythonText.LineCount(code) / 100.0);
        return Math.Clamp(score, 0.0, 1.0);
    }

    public static double Documentation(string code, string text)
    {
        if (code.Length == 0 && text.Length == 0)
        {
            return 0.0;
        }

        var score = 0.0;
        if (code.Contains("\"\"\"", StringComparison.Ordinal) || code.Contains("'''", StringComparison.Ordinal))
        {
            score += 0.4;
        }

        score += Math.Min(0.2, PythonText.LinesContaining(code, '#') / 20.0);

        if (PythonText.HasTypeAnnotation(code))
        {
            score += 0.2;
        }

        if (PythonText.LongerThan(text, 100))
        {
            score += 0.2;
        }

        return Math.Min(1.0, score);
    }

    public static double OnexCompliance(string? nodeType, string patternName, string code)
    {
        if (string.IsNullOrEmpty(nodeType))
        {
            return ContainsAny(patternName, OnexNodeNames) ? 0.5 : 0.3;
        }

        var score = 0.7;
        if (PythonText.ContainsIgnoringCase(patternName, nodeType))
        {
            score += 0.15;
        }

        var signature = Signature(nodeType);
        if (signature is not null && code.Contains(signature, StringComparison.Ordinal))
        {
            score += 0.15;
        }

        return Math.Min(1.0, score);
    }

    public static double MetadataRichness(int useCaseCount, int exampleCount, int metadataKeyCount)
    {
        var score = 0.0;
        if (useCaseCount > 0)
        {
            score += Math.Min(0.4, useCaseCount / 3.0 * 0.4);
        }

        if (exampleCount > 0)
        {
            score += Math.Min(0.3, exampleCount / 2.0 * 0.3);
        }

        if (metadataKeyCount > 3)
        {
            score += 0.3;
        }

        return Math.Min(1.0, score);
    }

    public static double Complexity(string code, string? declared) => Complexity(code, declared, BranchCounts.Of(code));

    private static double Complexity(string code, string? declared, BranchCounts branches)
    {
        if (code.Length == 0)
        {
            return 0.4;
        }

        var total = branches.If + branches.For + branches.While + branches.Except;
        var actual = total < 3 ? "low" : total < 8 ? "medium" : "high";
        if (string.IsNullOrEmpty(declared))
        {
            return 0.4;
        }

        return PythonText.EqualsLowered(declared, actual) ? 1.0 : 0.6;
    }

    /// <summary>Non-overlapping counts of the branch keywords, which two dimensions read.</summary>
    private readonly record struct BranchCounts(int If, int For, int While, int Except)
    {
        public static BranchCounts Of(string code) => new(
            PythonText.CountOccurrences(code, "if "),
            PythonText.CountOccurrences(code, "for "),
            PythonText.CountOccurrences(code, "while "),
            PythonText.CountOccurrences(code, "except "));
    }

    private static string? Signature(string nodeType) =>
        PythonText.EqualsLowered(nodeType, "effect") ? "async def execute_effect"
        : PythonText.EqualsLowered(nodeType, "compute") ? "async def execute_compute"
        : PythonText.EqualsLowered(nodeType, "reducer") ? "async def execute_reduction"
        : PythonText.EqualsLowered(nodeType, "orchestrator") ? "async def execute_orchestration"
        : null;

    private static bool ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
