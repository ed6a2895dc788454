namespace PatternQuality.Contracts.Answers;

/// <summary>A tool's answer this build cannot read: not JSON, another contract, or not an answer at all.</summary>
public sealed class ContractException(string message) : Exception(message);
