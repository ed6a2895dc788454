using Xunit;

namespace PatternQuality.Testing;

/// <summary>Waits for a condition that another process or task brings about.</summary>
public static class Eventually
{
    /// <returns>Whether the condition held before the time ran out.</returns>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? within = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Fails the test with <paramref name="what"/> when the condition does not hold in time.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        if (!await HoldsAsync(condition, within))
        {
            Assert.Fail($"{what} did not happen within {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} seconds");
        }
    }
}
