using System.Globalization;
using System.Text;
using System.Text.Json;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Runs;

/// <summary>Band counts and dimension sums of scored patterns, summed in the run journal batch by batch.</summary>
public sealed class ScoreTotals
{
    // The JSON names the journal keeps them under, in the order of the values below.
    private static readonly string[] Names =
    [
        "scored", "excellent", "good", "fair", "poor", "quality_sum",
        "completeness_sum", "documentation_sum", "onex_compliance_sum", "metadata_richness_sum", "complexity_sum",
    ];

    private readonly double[] values = new double[Names.Length];

    public long Scored => (long)values[0];
    public long Excellent => (long)values[1];
    public long Good => (long)values[2];
    public long Fair => (long)values[3];
    public long Poor => (long)values[4];
    public double QualitySum => values[5];
    public double CompletenessSum => values[6];
    public double DocumentationSum => values[7];
    public double OnexComplianceSum => values[8];
    public double MetadataRichnessSum => values[9];
    public double ComplexitySum => values[10];

    public void Add(QualityScore score)
    {
        values[0]++;
        values[score.Band switch { QualityBand.Excellent => 1, QualityBand.Good => 2, QualityBand.Fair => 3, _ => 4 }]++;
        values[5] += score.Stored;
        values[6] += score.Completeness;
        values[7] += score.Documentation;
        values[8] += score.OnexCompliance;
        values[9] += score.MetadataRichness;
        values[10] += score.Complexity;
    }

    public void Merge(ScoreTotals other)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += other.values[i];
        }
    }

    public string ToJson()
    {
        var json = new StringBuilder("{");
        for (var i = 0; i < values.Length; i++)
        {
            json.Append(i == 0 ? "\"" : ",\"").Append(Names[i]).Append("\":").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return json.Append('}').ToString();
    }

    public static ScoreTotals FromJson(JsonElement json)
    {
        var totals = new ScoreTotals();
        for (var i = 0; i < Names.Length; i++)
        {
            totals.values[i] = json.TryGetProperty(Names[i], out var value) ? value.GetDouble() : 0;
        }

        return totals;
    }
}
