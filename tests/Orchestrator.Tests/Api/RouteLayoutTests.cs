using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

/// <summary>
/// A feature's shape, as the routes show it: every JSON route is under <c>/api</c>, except the few that belong
/// elsewhere by design (the health probe, the OpenAPI document, the sign-in cookie's own <c>/account</c> routes, the
/// language switch and the logo of the pages, the Hangfire dashboard); and every policy an endpoint names is one of <see cref="Policies"/>.
/// </summary>
public sealed class RouteLayoutTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] OutsideApi = ["/health", "/openapi/", "/account/", "/language", "/organisation/logo", "/hangfire"];

    [Fact]
    public void Every_json_route_is_under_the_api_group_and_every_policy_is_defined_in_Policies()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is null) // the Razor Pages (the workspace and /act)
            .ToList();
        var routes = endpoints.Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).ToList();

        // The routes this refactoring moved are still there, at their paths.
        Assert.Contains(routes, r => r.StartsWith("/api/outbox", StringComparison.Ordinal));
        Assert.Contains("/api/instances/{id}/letters", routes);
        Assert.Contains("/api/designer/processes", routes);
        Assert.Contains(routes, r => r.StartsWith("/api/users", StringComparison.Ordinal));
        Assert.Contains("/account/password", routes);

        var misplaced = routes.Where(r => !r.StartsWith("/api/", StringComparison.Ordinal) && !OutsideApi.Any(o => r.StartsWith(o, StringComparison.Ordinal))).ToList();
        Assert.True(misplaced.Count == 0, "Routes outside /api: " + string.Join(", ", misplaced));

        var named = endpoints.SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains(Policies.CasesRead, named);
        Assert.Contains(Policies.OpenDoorWrite, named);
        Assert.DoesNotContain(named, p => !Policies.RolesOf.ContainsKey(p));
    }
}
