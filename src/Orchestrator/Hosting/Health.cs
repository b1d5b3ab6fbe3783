using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;

namespace Orchestrator.Hosting;

/// <summary>
/// <c>/health</c>: every registered health check (database here; the scheduler adds its own with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("scheduler")</c>). 200 when healthy or degraded, 503 when unhealthy.
/// The answer names each check and its status, never exception details (the endpoint is anonymous, for probes).
/// </summary>
public static class Health
{
    /// <summary>The path.</summary>
    public const string Path = "/health";

    /// <summary>Registers the database check and the monitor of the service's writes it reads.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The health checks builder, for other parts to add theirs.</returns>
    public static IHealthChecksBuilder AddOrchestratorHealthChecks(this IServiceCollection services)
    {
        // Every write the service makes tells the database check whether writing works (a connection that opens says
        // nothing about a full disk or a server going down mid-commit).
        services.TryAddSingleton<DatabaseWriteMonitor>();
        services.ConfigureDbContext<OrchestratorDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<DatabaseWriteMonitor>()));
        return services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>Maps <c>/health</c>.</summary>
    /// <param name="app">The routes.</param>
    /// <returns>The endpoint.</returns>
    public static IEndpointConventionBuilder MapOrchestratorHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().WithTags("Operations");

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds), StringComparer.Ordinal));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>/health</c> answer.</summary>
    /// <param name="Status">Healthy, Degraded or Unhealthy.</param>
    /// <param name="Checks">Each check.</param>
    public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

    /// <summary>One check.</summary>
    /// <param name="Status">Its status.</param>
    /// <param name="Description">What it says (no exception details).</param>
    /// <param name="DurationMs">How long it took.</param>
    public sealed record HealthCheckResponse(string Status, string? Description, double DurationMs);
}

/// <summary>
/// The <c>database</c> entry of <c>/health</c>: Unhealthy when a connection cannot open, when the database says it
/// cannot take writes (SQLite at its page limit with no free page; PostgreSQL read-only or in recovery), or when the
/// service's own writes failed for an outage within the last <see cref="DatabaseWriteMonitor.Window"/> with none
/// succeeding since (<see cref="DatabaseWriteMonitor"/>). The description names the cause, never exception details.
/// </summary>
internal sealed class DatabaseHealthCheck(OrchestratorDbContext db, DatabaseWriteMonitor writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            if (await WritesRefusedAsync(cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return HealthCheckResult.Unhealthy(refused);
            }

            if (writes.RecentFailure() is { } failure)
            {
                return HealthCheckResult.Unhealthy(
                    $"Writes are failing: {(failure.Kind == DatabaseOutageKind.Full ? "the database is full (database or disk is full)" : "the database is unavailable")}; last failed write at {failure.At:O}.");
            }

            return HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable and writable");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(DatabaseOutage.Classify(e) == DatabaseOutageKind.Full ? "The database is full (database or disk is full)." : "The database cannot be reached.", e);
        }
    }

    /// <summary>What the database itself says about taking writes: <c>null</c> when it takes them.</summary>
    private async Task<string?> WritesRefusedAsync(CancellationToken ct)
    {
        if (DatabaseProviders.IsSqlite(db.Database.ProviderName))
        {
            var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count AS \"Value\" FROM pragma_page_count()").SingleAsync(ct).ConfigureAwait(false);
            var limit = await db.Database.SqlQueryRaw<long>("SELECT max_page_count AS \"Value\" FROM pragma_max_page_count()").SingleAsync(ct).ConfigureAwait(false);
            var free = await db.Database.SqlQueryRaw<long>("SELECT freelist_count AS \"Value\" FROM pragma_freelist_count()").SingleAsync(ct).ConfigureAwait(false);
            return pages >= limit && free == 0 ? $"The database is full (database or disk is full): {pages} of at most {limit} pages used, none free." : null;
        }

        var readOnly = await db.Database.SqlQueryRaw<bool>("SELECT (pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on') AS \"Value\"").SingleAsync(ct).ConfigureAwait(false);
        return readOnly ? "The database is read-only (in recovery or default_transaction_read_only): writes fail." : null;
    }
}
