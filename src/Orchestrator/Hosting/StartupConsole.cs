namespace Orchestrator.Hosting;

/// <summary>
/// The console lines the service prints for a person starting it (the URL, the demo accounts): plain lines on
/// stdout, not log entries, so that secrets printed once never reach a log sink.
/// </summary>
/// <param name="writer">Where the lines go (stdout when serving).</param>
public sealed class StartupConsole(TextWriter writer)
{
    private readonly Lock _gate = new();

    /// <summary>Writes one line.</summary>
    /// <param name="line">The line.</param>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
