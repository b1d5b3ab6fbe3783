namespace Orchestrator.Api;

/// <summary>Maps the REST API of docs/http-api.md under <c>/api</c>, one group per feature.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps every API group.</summary>
    /// <param name="app">The routes.</param>
    /// <returns>The <c>/api</c> group.</returns>
    public static RouteGroupBuilder MapOrchestratorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapDefinitionEndpoints();
        api.MapInstanceEndpoints();
        api.MapTaskEndpoints();
        api.MapTaskViewEndpoints();
        api.MapMessageEndpoints();
        api.MapIncidentEndpoints();
        return api;
    }
}
