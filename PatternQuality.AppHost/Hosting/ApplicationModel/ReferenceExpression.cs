using System.Runtime.CompilerServices;

namespace PatternQuality.AppHost.Hosting;

/// <summary>
/// A string made of literal text and references to values known only later (a parameter, an
/// endpoint, another resource's connection string). The engine renders it with the running
/// values; each publisher renders it in its own syntax, so no secret value is ever written.
/// </summary>
public sealed class ReferenceExpression
{
    private readonly IReadOnlyList<object> parts;

    private ReferenceExpression(IReadOnlyList<object> parts) => this.parts = parts;

    /// <summary>Literal text and references, each either a string or a value reference.</summary>
    public IReadOnlyList<object> Parts => parts;

    public static ReferenceExpression Create(in ExpressionInterpolatedStringHandler handler) => new(handler.Parts);

    /// <summary>
    /// Renders the expression; <paramref name="renderReference"/> turns a <see cref="ParameterResource"/>,
    /// an <see cref="EndpointReferenceExpression"/> or an <see cref="IResourceWithConnectionString"/> into text.
    /// </summary>
    public string Render(Func<object, string> renderReference) =>
        string.Concat(parts.Select(part => part as string ?? renderReference(part)));

    /// <summary>The Aspire manifest's form: <c>Host={postgres.bindings.tcp.host};...</c>.</summary>
    public string ManifestExpression => Render(ManifestExpressions.Of);

    /// <summary>The resources this expression refers to, directly.</summary>
    public IEnumerable<object> References => parts.Where(part => part is not string);

    [InterpolatedStringHandler]
    public readonly ref struct ExpressionInterpolatedStringHandler
    {
        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount) => Parts = new List<object>(formattedCount * 2 + 1);

        public List<object> Parts { get; }

        public void AppendLiteral(string value) => Parts.Add(value);

        public void AppendFormatted(string value) => Parts.Add(value);

        public void AppendFormatted(ParameterResource value) => Parts.Add(value);

        public void AppendFormatted(EndpointReferenceExpression value) => Parts.Add(value);

        public void AppendFormatted(ReferenceExpression value) => Parts.Add(value);

        public void AppendFormatted(IResourceWithConnectionString value) => Parts.Add(value);
    }
}

/// <summary>The Aspire manifest's <c>{resource.property}</c> spelling of each kind of reference.</summary>
public static class ManifestExpressions
{
    public static string Of(object reference) => reference switch
    {
        string text => text,
        ParameterResource parameter => $"{{{parameter.Name}.value}}",
        EndpointReferenceExpression endpoint => endpoint.ManifestExpression,
        IResourceWithConnectionString resource => $"{{{resource.Name}.connectionString}}",
        ReferenceExpression expression => expression.ManifestExpression,
        _ => throw new NotSupportedException($"no manifest form for {reference.GetType().Name}"),
    };
}
