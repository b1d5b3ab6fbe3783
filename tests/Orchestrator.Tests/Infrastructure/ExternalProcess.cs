using System.Diagnostics;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>Runs a program the test setup needs (initdb, npm, …) to its end and gives back its exit code and output.</summary>
public static class ExternalProcess
{
    /// <summary>Starts <paramref name="start"/> (its output redirected here), waits up to <paramref name="timeout"/>, kills it after.</summary>
    /// <param name="start">What to start.</param>
    /// <param name="timeout">When to give up.</param>
    /// <param name="name">The program's name in a time-out message (default: the file started).</param>
    /// <returns>The exit code (-1 on a time-out) and stdout followed by stderr.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{name ?? start.FileName} timed out after {timeout}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
