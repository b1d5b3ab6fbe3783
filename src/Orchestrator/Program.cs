using Orchestrator.Cli;

// The executable is both the service and the command-line tool of docs/command-line.md.
return await CommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
