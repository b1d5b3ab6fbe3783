using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tasks;
using Orchestrator.Tests.Web;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Tasks;

/// <summary>A draft lives 30 days after its last save: after that it is never returned and the sweep deletes it.</summary>
public sealed class TaskDraftExpiryTests : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_draft_older_than_30_days_is_not_returned_and_the_sweep_deletes_it()
    {
        await StaffJourney.DeployAsync(_service);
        var sara = await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        var actor = new Actor(sara, "sara", new HashSet<string>([Roles.SocialWorker], StringComparer.Ordinal));
        var old = await StaffJourney.StartAsync(_service, "CA-2026-0301");
        var recent = await StaffJourney.StartAsync(_service, "CA-2026-0302");

        await using (var scope = _service.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TaskDrafts>().SaveAsync(old, new JsonObject { ["summary"] = "written a month ago" }, actor, CancellationToken.None);
        }

        _service.Clock.Advance(TimeSpan.FromDays(29));
        await using (var scope = _service.Services.CreateAsyncScope())
        {
            var drafts = scope.ServiceProvider.GetRequiredService<TaskDrafts>();
            Assert.NotNull(await drafts.GetAsync(old, actor, CancellationToken.None));
            await drafts.SaveAsync(recent, new JsonObject { ["summary"] = "written yesterday" }, actor, CancellationToken.None);
        }

        _service.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await using (var scope = _service.Services.CreateAsyncScope())
        {
            var drafts = scope.ServiceProvider.GetRequiredService<TaskDrafts>();
            Assert.Null(await drafts.GetAsync(old, actor, CancellationToken.None));
            Assert.NotNull(await drafts.GetAsync(recent, actor, CancellationToken.None));
            Assert.Equal(1, await drafts.DeleteExpiredAsync(CancellationToken.None));
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            Assert.Equal([recent], await db.TaskDrafts.AsNoTracking().Select(d => d.TaskId).ToListAsync());
        }
    }

    public void Dispose() => _service.Dispose();
}
