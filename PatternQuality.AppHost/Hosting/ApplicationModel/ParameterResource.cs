namespace PatternQuality.AppHost.Hosting;

/// <summary>
/// A value given at run or deploy time (<c>Parameters:{name}</c> in configuration). A generated
/// parameter gets a random value when none is given, kept for the next run; a secret one never
/// appears in a log line or a published file.
/// </summary>
public sealed class ParameterResource(string name, bool secret, GenerateParameterDefault? generate) : Resource(name)
{
    public bool Secret { get; } = secret;

    public GenerateParameterDefault? Generate { get; } = generate;

    public string ConfigurationKey => $"Parameters:{Name}";
}

/// <summary>How a deployment tool (and the local engine) generates the value: Aspire's <c>generate</c> default.</summary>
public sealed record GenerateParameterDefault(int MinLength = 22, bool Special = false);
