using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Web;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Cases.CaseFiles;

/// <summary>
/// Steps of a child's case through the real service's own services (each in a scope of its own), as staff would take
/// them: people with one role each, a first reception shelter, a detected child registered with its journey started,
/// the referral completed (the child placed, the 45-day timers pending).
/// </summary>
public sealed class CaseFileScenario(WorkspaceFactory service)
{
    /// <summary>The first reception shelter the referrals name.</summary>
    public const string FacilityId = "cas-pruebas";

    /// <summary>The service.</summary>
    public WorkspaceFactory Service => service;

    /// <summary>The person of <paramref name="role"/> (user name = role, created once) as the services see them.</summary>
    /// <param name="role">The role.</param>
    public async Task<Actor> ActorAsync(string role)
    {
        await service.PersonAsync(role);
        using var scope = service.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(role)
            ?? throw new InvalidOperationException($"No person {role}.");
        return new Actor(user.Id, user.UserName!, new HashSet<string>(StringComparer.Ordinal) { role });
    }

    /// <summary>Runs <paramref name="work"/> with a service of a new scope.</summary>
    /// <typeparam name="TService">The service.</typeparam>
    /// <typeparam name="TResult">What it answers.</typeparam>
    /// <param name="work">The work.</param>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        using var scope = service.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The first reception shelter (created the first time).</summary>
    public async Task EnsureFacilityAsync()
    {
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        if (!await db.Facilities().AnyAsync(f => f.Id == FacilityId))
        {
            await scope.ServiceProvider.GetRequiredService<FacilityService>().CreateFacilityAsync(
                new NewFacilityRequest(FacilityId, "CAS de pruebas", FacilityKinds.FirstReception, 30, null, null, FacilitySexes.Any, "Ciudad de México"), default);
        }
    }

    /// <summary>Registers a detected child (case file and child-journey) as <paramref name="actor"/>.</summary>
    /// <param name="givenNames">Given names.</param>
    /// <param name="familyNames">Family names.</param>
    /// <param name="actor">Who registers.</param>
    /// <param name="educator">The reference educator (a user name).</param>
    public Task<RegisteredChild> RegisterAsync(string givenNames, string familyNames, Actor actor, string? educator = null) =>
        WithAsync<CaseRegistrationService, RegisteredChild>(r => r.RegisterAsync(new ChildRegistrationRequest
        {
            Child = new NewCaseRequest
            {
                GivenNames = givenNames,
                FamilyNames = familyNames,
                BirthDate = new DateOnly(2012, 5, 4),
                Sex = ChildSexes.Female,
                Nationality = "Guatemala",
                Languages = "es",
                ReferenceEducator = educator,
            },
        }, actor, default));

    /// <summary>Completes the referral: the child goes to <see cref="FacilityId"/>, first reception begins and its 30/40/45-day timers wait.</summary>
    /// <param name="child">The registered child.</param>
    /// <param name="actor">Who completes it (a coordinator).</param>
    public async Task CompleteReferralAsync(RegisteredChild child, Actor actor)
    {
        await EnsureFacilityAsync();
        await CompleteAsync(child.InstanceId!, "Task_Referral", new JsonObject { ["facilityId"] = FacilityId, ["childOpinion"] = "Quiero estar segura." }, actor);
    }

    /// <summary>Completes the open task <paramref name="elementId"/> of an instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="elementId">The task's element.</param>
    /// <param name="data">The form's data.</param>
    /// <param name="actor">Who completes it.</param>
    public async Task CompleteAsync(string instanceId, string elementId, JsonObject data, Actor actor)
    {
        using var scope = service.Services.CreateScope();
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowService>();
        var task = (await workflows.ListTasksAsync(new TaskQuery(instanceId), actor, default)).Single(t => t.ElementId == elementId);
        await workflows.CompleteAsync(task.Id, data, actor, default);
    }

    /// <summary>The audit rows of a type.</summary>
    /// <param name="type">The type (<c>CaseRead</c>, <c>DocumentRead</c>, …).</param>
    public async Task<IReadOnlyList<HistoryRecord>> AuditAsync(string type)
    {
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.History.AsNoTracking().Where(h => h.Type == type).OrderBy(h => h.Sequence).ToListAsync();
    }
}
