using Orchestrator.Hosting;

namespace Orchestrator.Cli;

/// <summary>
/// <c>serve [switches]</c>, also what runs with no arguments or with only switches (<c>--urls …</c>): the HTTP service
/// of ARCHITECTURE.md. Exit 0 after a normal shutdown, 1 when the service could not start.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
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
