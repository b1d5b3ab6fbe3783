using Orchestrator.Cli;

// The executable is both the service and the command-line tool of ARCHITECTURE.md.
return await CommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
