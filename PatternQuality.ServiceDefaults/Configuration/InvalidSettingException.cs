namespace PatternQuality.ServiceDefaults.Configuration;

/// <summary>
/// A setting the user supplied (flag, connection string, environment variable) that cannot
/// be used. The message is one line, safe to print: it never repeats a secret.
/// </summary>
public sealed class InvalidSettingException(string message) : Exception(message);
