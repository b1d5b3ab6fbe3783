using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
