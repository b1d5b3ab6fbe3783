using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Web.Supervision;

/// <summary>
/// Children on their journeys for the supervision pages' tests, set up as the staff and programs of the service would:
/// facilities and case files through the API, <c>child-journey</c> started and its referral completed through the API
/// (with the referral form's checks and the case handlers), timers and job retries run when the test moves the clock.
/// </summary>
public sealed class SupervisionScenario(WorkspaceFactory service)
{
    /// <summary>A first reception CAS; its id.</summary>
    public async Task<string> FacilityAsync(string name = "CAS de primera acogida Tapachula")
    {
        var id = "cas-" + Guid.NewGuid().ToString("N")[..10];
        await PostAsync(Roles.Coordinator, "/api/facilities", new JsonObject { ["id"] = id, ["name"] = name, ["kind"] = "first-reception", ["city"] = "Tapachula" }, HttpStatusCode.Created);
        return id;
    }

    /// <summary>A case file; its id and reference.</summary>
    public async Task<(string Id, string Reference)> CaseAsync(string givenNames = "Ximena")
    {
        var created = await PostAsync(Roles.Coordinator, "/api/cases", new JsonObject
        {
            ["givenNames"] = givenNames, ["familyNames"] = "Tzul", ["birthDate"] = "2012-09-30", ["sex"] = "female", ["nationality"] = "Guatemala", ["languages"] = "es",
        }, HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
    }

    /// <summary>Starts <c>child-journey</c> for a case (the detection): it waits at the referral.</summary>
    public async Task<string> StartChildJourneyAsync(string caseId, string reference)
    {
        var started = await PostAsync(Roles.Coordinator, "/api/processes/child-journey/instances", new JsonObject
        {
            ["businessKey"] = reference,
            ["variables"] = new JsonObject
            {
                ["caseId"] = caseId, ["caseReference"] = reference, ["coordinatorEmail"] = "coordinacion@dif.example", ["socialWorkerEmail"] = "trabajo.social@dif.example",
                ["consulateEmail"] = "consul@consulado.example", ["asylumClaimPending"] = false, ["birthDate"] = "2012-09-30",
            },
        }, HttpStatusCode.Created);
        return started.GetProperty("id").GetString()!;
    }

    /// <summary>A social worker completes the referral to <paramref name="facilityId"/>: the child enters first reception.</summary>
    public async Task ReferAsync(string instanceId, string facilityId)
    {
        using var client = Client(Roles.SocialWorker);
        var tasks = await (await client.GetAsync($"/api/tasks?instanceId={Uri.EscapeDataString(instanceId)}")).AssertJsonAsync(HttpStatusCode.OK);
        var referral = tasks.EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == "Task_Referral").GetProperty("id").GetString();
        var response = await client.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(referral!)}/complete",
            new { variables = new { facilityId, childOpinion = "Quiere estar a salvo e ir a la escuela." } });
        await response.AssertJsonAsync(HttpStatusCode.NoContent);
    }

    /// <summary>The person of <paramref name="role"/> (a signed-in account) claims the open task of an instance at an element.</summary>
    public async Task ClaimAsPersonAsync(string role, string instanceId, string elementId)
    {
        var userName = await service.PersonAsync(role);
        using var scope = service.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException("no account " + userName);
        var actor = new Actor(user.Id, userName, new HashSet<string>([role], StringComparer.Ordinal));
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowService>();
        var task = (await workflows.ListTasksAsync(new TaskQuery(instanceId), actor, CancellationToken.None)).Single(t => t.ElementId == elementId);
        await workflows.ClaimAsync(task.Id, actor, CancellationToken.None);
    }

    /// <summary>An instance as the API shows it.</summary>
    public async Task<JsonElement> InstanceAsync(string instanceId)
    {
        using var client = Client(Roles.Coordinator);
        return await (await client.GetAsync($"/api/instances/{Uri.EscapeDataString(instanceId)}")).AssertJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Fires every timer due at the service's clock, in due order (Quartz waits in real time and would not).</summary>
    /// <returns>How many fired.</returns>
    public async Task<int> FireDueTimersAsync()
    {
        var now = service.Clock.GetUtcNow();
        var fired = 0;
        for (var round = 0; round < 1000; round++)
        {
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var due = (await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).ToListAsync())
                .Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
            if (due is null)
            {
                return fired;
            }

            if (await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireTimerAsync(due.Id, CancellationToken.None))
            {
                fired++;
            }
        }

        throw new InvalidOperationException("more than 1,000 timers fell due: a timer cycle does not advance");
    }

    /// <summary>Moves the clock past each retry's back-off and runs the due jobs until an incident is open for the instance.</summary>
    /// <returns>The incident's element id.</returns>
    public async Task<string> RetryUntilIncidentAsync(string instanceId)
    {
        for (var round = 0; round < 10; round++)
        {
            using (var scope = service.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                if (await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == instanceId && i.Status == IncidentStatuses.Open) is { } incident)
                {
                    return incident.ElementId;
                }
            }

            service.Clock.Advance(TimeSpan.FromMinutes(10));
            using (var scope = service.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowService>().RunDueJobsAsync("supervision-test", 100, CancellationToken.None);
            }
        }

        throw new InvalidOperationException($"no incident on {instanceId} after ten rounds of retries");
    }

    /// <summary>A program with the API key of <paramref name="role"/>, talking to the service's Kestrel address.</summary>
    public HttpClient Client(string role)
    {
        var client = service.ClientAs(role);
        client.BaseAddress = new Uri(service.BaseUrl);
        return client;
    }

    private async Task<JsonElement> PostAsync(string role, string path, JsonObject body, HttpStatusCode expected)
    {
        using var client = Client(role);
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return await (await client.PostAsync(path, content)).AssertJsonAsync(expected);
    }
}
