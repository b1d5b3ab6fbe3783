namespace Orchestrator.Api;

/// <summary>
/// Opens a logging scope that carries the id of the route (<c>InstanceId</c>, <c>TaskId</c>, <c>IncidentId</c>,
/// <c>ProcessId</c>) for every log entry written while the endpoint runs, the workflow core's included.
/// </summary>
/// <param name="routeValue">The route parameter.</param>
/// <param name="scopeName">The property name in the logs.</param>
internal sealed class LoggingScopeFilter(string routeValue, string scopeName) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var value = context.HttpContext.GetRouteValue(routeValue)?.ToString();
        if (value is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.Api");
        using (logger.BeginScope(new Dictionary<string, object> { [scopeName] = value }))
        {
            return await next(context).ConfigureAwait(false);
        }
    }
}

/// <summary>Endpoint conventions shared by the API groups.</summary>
internal static class EndpointConventions
{
    /// <summary>Adds a logging scope carrying a route id.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="routeValue">The route parameter.</param>
    /// <param name="scopeName">The log property.</param>
    /// <returns>The builder.</returns>
    public static TBuilder WithLogScope<TBuilder>(this TBuilder builder, string routeValue, string scopeName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new LoggingScopeFilter(routeValue, scopeName));

    /// <summary>Marks a command endpoint: accepts <c>Idempotency-Key</c>.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The builder.</returns>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>().WithMetadata(IdempotentMetadata.Instance);
}
