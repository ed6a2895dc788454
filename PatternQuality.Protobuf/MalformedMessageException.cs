namespace PatternQuality.Protobuf;

/// <summary>Bytes that are no protobuf message; the message says what was wrong, in a few words.</summary>
public sealed class MalformedMessageException(string what) : Exception(what);
