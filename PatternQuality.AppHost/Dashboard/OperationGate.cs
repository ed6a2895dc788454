namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// One operator command at a time on a resource: a second click while one runs gets told which one, instead of
/// queueing behind it or racing it. (The tools' own locks still order commands given by other hosts or terminals.)
/// </summary>
internal sealed class OperationGate
{
    private readonly Lock gate = new();
    private string? running;

    /// <returns>A lease to dispose when the command ends, or null with the command that holds the gate.</returns>
    public IDisposable? TryEnter(string command, out string? busyWith)
    {
        lock (gate)
        {
            if (running is not null)
            {
                busyWith = running;
                return null;
            }

            running = command;
            busyWith = null;
            return new Lease(this);
        }
    }

    private sealed class Lease(OperationGate owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                lock (owner.gate)
                {
                    owner.running = null;
                }
            }
        }
    }
}
