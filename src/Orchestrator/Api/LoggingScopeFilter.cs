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
