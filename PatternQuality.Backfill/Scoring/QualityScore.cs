namespace PatternQuality.Backfill.Scoring;

public enum QualityBand
{
    Poor,
    Fair,
    Good,
    Excellent,
}

/// <summary>The five dimension scores of a pattern and their weighted composite.</summary>
public readonly record struct QualityScore(
    double Completeness,
    double Documentation,
    double OnexCompliance,
    double MetadataRichness,
    double Complexity)
{
    /// <summary>Summed in this order in double precision, as the reference implementation did.</summary>
    public double Composite =>
        0.30 * Completeness + 0.25 * Documentation + 0.20 * OnexCompliance + 0.15 * MetadataRichness + 0.10 * Complexity;

    /// <summary>The composite clamped to the table's 0..1 check.</summary>
    public double Stored => Math.Clamp(Composite, 0.0, 1.0);

    public QualityBand Band => BandOf(Stored);

    public static QualityBand BandOf(double score) => score switch
    {
        >= 0.9 => QualityBand.Excellent,
        >= 0.7 => QualityBand.Good,
        >= 0.5 => QualityBand.Fair,
        _ => QualityBand.Poor,
    };
}
