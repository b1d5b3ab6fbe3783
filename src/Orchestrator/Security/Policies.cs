using Microsoft.AspNetCore.Authorization;

namespace Orchestrator.Security;

/// <summary>
/// The authorization policies of the API, in one place. Every endpoint names one; an endpoint that names none
/// falls back to <see cref="AnyRole"/>, so nothing is reachable without a role of <see cref="Roles"/>.
/// </summary>
public static class Policies
{
    /// <summary>Deploy BPMN: designers and admins.</summary>
    public const string Design = "design";

    /// <summary>Read deployed definitions and their XML: any role.</summary>
    public const string ReadDefinitions = "read-definitions";

    /// <summary>Case work (start instances, read instances and their history, tasks, messages): care staff and admins.</summary>
    public const string Casework = "casework";

    /// <summary>Supervision (cancel instances, incidents and their retry): coordinators and admins.</summary>
    public const string Supervise = "supervise";

    /// <summary>Reading the audit (who read or changed which case when): data managers and admins.</summary>
    public const string Audit = "audit";

    /// <summary>Operating the service (the email outbox): admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Read case files, facilities, the register and consulates: care staff and admins.</summary>
    public const string CasesRead = "cases-read";

    /// <summary>Create and change case files, facilities and the register: coordinators, data managers and admins.</summary>
    public const string CasesWrite = "cases-write";

    /// <summary>Record street outreach and a child's comings and goings at pre-community: counsellors, educators, social workers, coordinators, data managers, admins.</summary>
    public const string OpenDoorWrite = "open-door-write";

    /// <summary>Anything else that needs a signed-in caller (the OpenAPI document, the caller's own profile): any role.</summary>
    public const string AnyRole = "any-role";

    /// <summary>The roles each policy admits, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Design] = [Roles.Designer, Roles.Admin],
        [ReadDefinitions] = Roles.All,
        [Casework] = [.. Roles.CareStaff, Roles.Admin],
        [Supervise] = [Roles.Coordinator, Roles.Admin],
        [Audit] = [Roles.DataManager, Roles.Admin],
        [Admin] = [Roles.Admin],
        [CasesRead] = [.. Roles.CareStaff, Roles.Admin],
        [CasesWrite] = [Roles.Coordinator, Roles.DataManager, Roles.Admin],
        [OpenDoorWrite] = [Roles.OutreachCounsellor, Roles.Educator, Roles.SocialWorker, Roles.Coordinator, Roles.DataManager, Roles.Admin],
        [AnyRole] = Roles.All,
    };

    /// <summary>Registers the policies, and <see cref="AnyRole"/> as the fallback for endpoints that name none.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOrchestratorPolicies(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var (name, roles) in RolesOf)
        {
            builder.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build());
        return services;
    }
}
