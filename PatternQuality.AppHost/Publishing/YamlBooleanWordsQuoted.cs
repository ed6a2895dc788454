using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace PatternQuality.AppHost.Publishing;

/// <summary>Quotes "no", "yes", "on", "off": strings in YAML 1.2 but booleans to YAML 1.1 readers, and compose asks for <c>restart: "no"</c>.</summary>
internal sealed class YamlBooleanWordsQuoted(IEventEmitter next) : ChainedEventEmitter(next)
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off" };

    public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
    {
        if (eventInfo.Source.Value is string text && Words.Contains(text))
        {
            eventInfo.Style = ScalarStyle.DoubleQuoted;
        }

        base.Emit(eventInfo, emitter);
    }
}
