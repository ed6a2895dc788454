namespace PatternQuality.Api.Quality;

/// <summary>The four bands of SCORING.md, as score ranges [Min, Max).</summary>
public sealed record QualityBand(string Name, double Min, double Max)
{
    public static readonly IReadOnlyList<QualityBand> All =
    [
        new("excellent", 0.9, double.PositiveInfinity),
        new("good", 0.7, 0.9),
        new("fair", 0.5, 0.7),
        new("poor", double.NegativeInfinity, 0.5),
    ];

    public static QualityBand? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    public static string Of(double score) => All.First(b => score >= b.Min && score < b.Max).Name;
}
