using Microsoft.Extensions.Hosting;

namespace PatternQuality.AppHost.Hosting.Testing;

/// <summary>
/// Lets a test run the AppHost's own entry point up to <c>builder.Build()</c> and take the
/// builder from there, as Aspire.Hosting.Testing does, so tests run the real model file.
/// </summary>
internal sealed class TestingHook(Action<HostApplicationBuilder> configureHost)
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();
    private readonly TaskCompletionSource<DistributedApplicationBuilder> captured = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TestingHook? Current => CurrentHook.Value;

    public Task<DistributedApplicationBuilder> Captured => captured.Task;

    public void Install() => CurrentHook.Value = this;

    public void ConfigureHost(HostApplicationBuilder host) => configureHost(host);

    public void Capture(DistributedApplicationBuilder builder) => captured.TrySetResult(builder);

    public void Fail(Exception exception) => captured.TrySetException(exception);

    /// <summary>Ends the entry point once its builder is taken.</summary>
    public sealed class BuilderCapturedException() : Exception("the testing builder took the app model here");
}
