namespace PatternQuality.LocalQdrant.Requests;

/// <summary>How the store names itself on either transport: the Qdrant version it answers to, and, in the commit, what it really is.</summary>
public static class ServerIdentity
{
    public const string CompatibleVersion = "1.19.0";
    public const string Title = "qdrant - vector search engine";
    public const string Commit = "patternquality-localqdrant";
}
