namespace PatternQuality.AppHost.Servers;

/// <summary>How a server of the model runs: one the user runs, a container, or a local process under DCP.</summary>
internal enum ServerForm
{
    Existing,
    Container,
    Local,
}
