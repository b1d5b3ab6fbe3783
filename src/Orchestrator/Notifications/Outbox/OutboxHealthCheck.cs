using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// <c>/health</c>'s <c>outbox</c> check: Degraded while any email is failed and neither retried nor dismissed (an admin
/// must look: <c>GET /api/outbox?status=failed</c>), and while this node's dispatcher finds the SMTP server unavailable
/// (emails wait); Healthy otherwise. It says how many and since when, never an address or a subject (the endpoint is
/// anonymous).
/// </summary>
internal sealed class OutboxHealthCheck(IServiceScopeFactory scopes, OutboxDispatcher dispatcher) : IHealthCheck
{
    /// <summary>The check's name in <c>/health</c>.</summary>
    public const string Name = "outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int failed;
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                failed = await scope.ServiceProvider.GetRequiredService<OutboxAdministration>().CountFailedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A health check reports every failure; the database check says why.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The outbox cannot be read.", e);
        }

        var problems = new List<string>();
        if (failed > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{failed} email{(failed == 1 ? "" : "s")} failed: an admin retries or dismisses {(failed == 1 ? "it" : "them")} (GET /api/outbox?status=failed)"));
        }

        if (dispatcher.ServerUnavailable is { } down)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the mail server has been unavailable since {down.Since:yyyy-MM-ddTHH:mm:ssZ}; emails wait for it"));
        }

        var data = new Dictionary<string, object> { ["failed"] = failed, ["serverUnavailable"] = dispatcher.ServerUnavailable is not null };
        return problems.Count == 0
            ? HealthCheckResult.Healthy("No failed email; the mail server answers.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
