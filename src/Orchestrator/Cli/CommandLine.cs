namespace Orchestrator.Cli;

/// <summary>
/// Dispatches the first argument to one command of the command-line contract (ARCHITECTURE.md).
/// Each command takes its remaining arguments and its output writers, and returns the exit code.
/// </summary>
internal static class CommandLine
{
    /// <summary>Exit code for a command line that does not make sense (unknown command, missing argument).</summary>
    public const int UsageError = 2;

    private delegate Task<int> Command(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);

    private static readonly Dictionary<string, Command> Commands = new(StringComparer.Ordinal)
    {
        ["feel"] = FeelCommand.RunAsync,
        ["validate"] = ValidateCommand.RunAsync,
        ["simulate"] = SimulateCommand.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var name = args.Length == 0 ? "serve" : args[0];
        if (Commands.TryGetValue(name, out var command))
        {
            return await command(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"orchestrator: unknown command '{name}'. Commands: {string.Join(", ", Commands.Keys.Order(StringComparer.Ordinal))}.").ConfigureAwait(false);
        return UsageError;
    }
}
