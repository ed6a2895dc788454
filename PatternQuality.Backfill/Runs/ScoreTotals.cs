using System.Globalization;
using System.Text;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Runs;

/// <summary>Band counts and dimension sums of scored patterns, summed in the run journal batch by batch.</summary>
public sealed class ScoreTotals
{
    public long Scored { get; private set; }
    public long Excellent { get; private set; }
    public long Good { get; private set; }
    public long Fair { get; private set; }
    public long Poor { get; private set; }
    public double QualitySum { get; private set; }
    public double CompletenessSum { get; private set; }
    public double DocumentationSum { get; private set; }
    public double OnexComplianceSum { get; private set; }
    public double MetadataRichnessSum { get; private set; }
    public double ComplexitySum { get; private set; }

    public void Add(QualityScore score)
    {
        Scored++;
        switch (score.Band)
        {
            case QualityBand.Excellent: Excellent++; break;
            case QualityBand.Good: Good++; break;
            case QualityBand.Fair: Fair++; break;
            default: Poor++; break;
        }

        QualitySum += score.Stored;
        CompletenessSum += score.Completeness;
        DocumentationSum += score.Documentation;
        OnexComplianceSum += score.OnexCompliance;
        MetadataRichnessSum += score.MetadataRichness;
        ComplexitySum += score.Complexity;
    }

    public void Merge(ScoreTotals other)
    {
        Scored += other.Scored;
        Excellent += other.Excellent;
        Good += other.Good;
        Fair += other.Fair;
        Poor += other.Poor;
        QualitySum += other.QualitySum;
        CompletenessSum += other.CompletenessSum;
        DocumentationSum += other.DocumentationSum;
        OnexComplianceSum += other.OnexComplianceSum;
        MetadataRichnessSum += other.MetadataRichnessSum;
        ComplexitySum += other.ComplexitySum;
    }

    public string ToJson()
    {
        var json = new StringBuilder("{");
        Append(json, "scored", Scored);
        Append(json, "excellent", Excellent);
        Append(json, "good", Good);
        Append(json, "fair", Fair);
        Append(json, "poor", Poor);
        Append(json, "quality_sum", QualitySum);
        Append(json, "completeness_sum", CompletenessSum);
        Append(json, "documentation_sum", DocumentationSum);
        Append(json, "onex_compliance_sum", OnexComplianceSum);
        Append(json, "metadata_richness_sum", MetadataRichnessSum);
        Append(json, "complexity_sum", ComplexitySum);
        json.Length--;
        return json.Append('}').ToString();
    }

    public static ScoreTotals FromJson(System.Text.Json.JsonElement json)
    {
        double Read(string name) => json.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
        return new ScoreTotals
        {
            Scored = (long)Read("scored"),
            Excellent = (long)Read("excellent"),
            Good = (long)Read("good"),
            Fair = (long)Read("fair"),
            Poor = (long)Read("poor"),
            QualitySum = Read("quality_sum"),
            CompletenessSum = Read("completeness_sum"),
            DocumentationSum = Read("documentation_sum"),
            OnexComplianceSum = Read("onex_compliance_sum"),
            MetadataRichnessSum = Read("metadata_richness_sum"),
            ComplexitySum = Read("complexity_sum"),
        };
    }

    private static void Append(StringBuilder json, string name, double value) =>
        json.Append('"').Append(name).Append("\":").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
}
