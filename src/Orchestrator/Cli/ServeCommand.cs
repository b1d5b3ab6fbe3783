using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>
/// <c>serve [switches]</c>, also what runs with no arguments or with only switches (<c>--urls …</c>): the HTTP service
/// of docs/command-line.md. Exit 0 after a normal shutdown, 1 when the service could not start.
/// </summary>
internal static class ServeCommand
{
    /// <summary>What <c>serve --help</c> prints; also the first line of the top-level usage.</summary>
    internal const string Usage = """
        usage: orchestrator [serve] [--urls URL] [--environment NAME] [--Section:Key=value ...]
          Runs the HTTP service (docs/http-api.md). Settings come from appsettings.json, then environment
          variables (Section__Key), then these switches:
            --urls URL              where to listen (default http://localhost:5080)
            --environment NAME      Development, Production, ... (default: Development for a Debug build)
            --Key=value             any setting, e.g. --Database:Provider=PostgreSql
          Exit 0 after a normal shutdown, 1 when the service could not start.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // A help switch anywhere must print the usage, never start a service that binds a port and migrates a database.
        if (args.Any(a => a is "-h" or "--help" or "-?"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        WebApplication app;
        try
        {
            app = OrchestratorHost.Build(args, stdout);
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            await stderr.WriteLineAsync($"serve: the service could not be configured: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not HostAbortedException)
            {
                await stderr.WriteLineAsync($"serve: the service stopped: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        return 0;
    }
}
