namespace Orchestrator.Cli;

/// <summary>
/// Dispatches the first argument to one command of the command-line contract (docs/command-line.md).
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
        ["serve"] = ServeCommand.RunAsync,
    };

    private const string Usage = """
        usage: orchestrator [serve] [--urls URL] [ASP.NET Core switches]   run the service
               orchestrator feel EXPRESSION [--context JSON]                 evaluate FEEL, print JSON
               orchestrator validate FILE.bpmn... [--json]                   check BPMN files
               orchestrator simulate FILE.bpmn... --scenario SCENARIO.json   run a scenario on a virtual clock
               orchestrator help COMMAND  (or COMMAND --help)                 the options of one command
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args is ["help"] or ["-h" or "--help", ..])
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        // "help COMMAND" is the command's own --help.
        if (args is ["help", var topic, ..])
        {
            return Commands.TryGetValue(topic, out var helped)
                ? await helped(["--help"], stdout, stderr, cancellationToken).ConfigureAwait(false)
                : await UnknownAsync(topic, stderr).ConfigureAwait(false);
        }

        // No command, or only switches (--urls …, as the hosting tools pass them): run the service.
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return await ServeCommand.RunAsync(args, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        var name = args[0];
        if (Commands.TryGetValue(name, out var command))
        {
            return await command(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        return await UnknownAsync(name, stderr).ConfigureAwait(false);
    }

    private static async Task<int> UnknownAsync(string name, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"orchestrator: unknown command '{name}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
        return UsageError;
    }
}
