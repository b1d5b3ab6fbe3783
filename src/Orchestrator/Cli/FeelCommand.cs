namespace Orchestrator.Cli;

/// <summary><c>feel EXPRESSION [--context JSON]</c>: evaluate one FEEL expression and print it as JSON.</summary>
internal static class FeelCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        _ = args;
        _ = stdout;
        _ = cancellationToken;
        await stderr.WriteLineAsync("feel: not built yet (issue 2)").ConfigureAwait(false);
        return CommandLine.UsageError;
    }
}
