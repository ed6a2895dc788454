using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using PatternQuality.LocalQdrant.Grpc;

namespace PatternQuality.LocalQdrant.Tests.Grpc;

/// <summary>
/// The store's reduced .proto against Qdrant's own (shared/qdrant/grpc, v1.19.0): every message, field, enum value and
/// method it declares is Qdrant's, with Qdrant's name, number and type.
/// </summary>
public sealed partial class ProtoContractTests
{
    private static readonly Lazy<string> QdrantProtos = new(() => string.Join('\n',
        Directory.GetFiles(Path.GetDirectoryName(Repository.SharedDocument("qdrant/grpc/points.proto", "Qdrant's gRPC contract"))!, "*.proto")
            .Select(File.ReadAllText)));

    public static TheoryData<string> Messages() => [.. QdrantSubsetReflection.Descriptor.MessageTypes.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_field_of_the_message_is_qdrant_field_with_its_number_and_type(string message)
    {
        var descriptor = QdrantSubsetReflection.Descriptor.MessageTypes.Single(m => m.Name == message);
        var body = Block("message", message);

        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            var declared = new Regex($@"(^|\s)(?<type>[\w.<>, ]+)\s+{field.Name}\s*=\s*(?<number>\d+)\s*[;\[]", RegexOptions.Multiline).Match(body);
            Assert.True(declared.Success, $"{message}.{field.Name} is not a field of Qdrant's {message}");
            Assert.Equal(int.Parse(declared.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), field.FieldNumber);
            Assert.EndsWith(TypeName(field), declared.Groups["type"].Value.Trim());
        }
    }

    [Fact]
    public void Every_enum_value_and_every_method_is_qdrant_own()
    {
        foreach (var enumeration in QdrantSubsetReflection.Descriptor.EnumTypes)
        {
            var body = Block("enum", enumeration.Name);
            foreach (var value in enumeration.Values)
            {
                Assert.Matches($@"\b{value.Name}\s*=\s*{value.Number}\s*;", body);
            }
        }

        foreach (var service in QdrantSubsetReflection.Descriptor.Services)
        {
            var body = Block("service", service.Name);
            foreach (var method in service.Methods)
            {
                Assert.Matches($@"rpc\s+{method.Name}\s*\(\s*{method.InputType.Name}\s*\)\s*returns\s*\(\s*{method.OutputType.Name}\s*\)", body);
            }
        }
    }

    private static string TypeName(FieldDescriptor field)
    {
        var type = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => field.MessageType.Name,
            FieldType.Enum => field.EnumType.Name,
            var scalar => scalar.ToString().ToLowerInvariant(),
        };
        return field.IsMap
            ? $"map<{TypeName(field.MessageType.FindFieldByNumber(1))}, {TypeName(field.MessageType.FindFieldByNumber(2))}>"
            : type;
    }

    /// <summary>The body of a top-level declaration in Qdrant's files, comments removed.</summary>
    private static string Block(string kind, string name)
    {
        var text = LineComment().Replace(QdrantProtos.Value, "");
        var start = new Regex($@"^{kind}\s+{name}\s*\{{", RegexOptions.Multiline).Match(text);
        Assert.True(start.Success, $"Qdrant's .proto files declare no {kind} {name}");
        var depth = 0;
        for (var i = start.Index + start.Length - 1; i < text.Length; i++)
        {
            depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return text[(start.Index + start.Length)..i];
            }
        }

        throw new InvalidOperationException($"{kind} {name} is not closed");
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
