using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Forms;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The Development seeding on the real journeys (deployed from <c>workflows/</c>, task data checked by the real forms):
/// facilities, consulates and three children at different points, each with a running child-journey; only once.
/// </summary>
public abstract class CaseSeedingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private CaseHarness _harness = null!;

    protected abstract Task<TestDatabase> NewDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await NewDatabaseAsync();
        await _database.MigrateAsync();
        var workflows = Path.Combine(ApiFactory.RepositoryRoot, "workflows");
        var forms = FormCatalog.Load(Path.Combine(workflows, "forms"), new FormValidator());
        _harness = new CaseHarness(_database, new Dictionary<string, string?> { ["Cases:SeedDemoCases"] = "true" }, new CatalogTaskFormValidator(forms));
        foreach (var file in Directory.GetFiles(workflows, "*.bpmn"))
        {
            await _harness.DeployAsync(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        }
    }

    public async Task DisposeAsync()
    {
        await _harness.StopAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Seeding_opens_three_cases_at_different_points_of_their_journeys_once()
    {
        var references = await _harness.Get<CaseSeeder>().SeedAsync(default);

        Assert.Equal(["CA-2026-0001", "CA-2026-0002", "CA-2026-0003"], references);
        var db = _harness.Db();
        Assert.Equal(3, await db.Facilities().CountAsync());
        Assert.Equal(["El Salvador", "Guatemala", "Honduras"], await db.Consulates().OrderBy(c => c.Country).Select(c => c.Country).ToListAsync());
        var cases = await db.ChildCases().AsNoTracking().OrderBy(c => c.Reference).ToListAsync();
        var service = _harness.Service();

        // 1: detected, the referral is open.
        Assert.Equal((CasePhases.Detection, null), (cases[0].Phase, cases[0].PlacementId));
        var first = await db.Instances.AsNoTracking().SingleAsync(i => i.BusinessKey == cases[0].Reference && i.ProcessId == "child-journey");
        Assert.Contains("Task_Referral", (await service.GetInstanceAsync(first.Id, CaseSeeder.SeedActor, default)).Active);

        // 2: placed in the first reception CAS by the real handler; the restitution plan task is open.
        Assert.Equal((CasePhases.FirstReception, "cas-recepcion-cdmx"), (cases[1].Phase, cases[1].PlacementId));
        var second = await db.Instances.AsNoTracking().SingleAsync(i => i.BusinessKey == cases[1].Reference && i.ProcessId == "child-journey");
        Assert.Contains("Task_RestitutionPlan", (await service.GetInstanceAsync(second.Id, CaseSeeder.SeedActor, default)).Active);

        // 3: the assisted voluntary return asks the PPNNA and the consulate.
        var third = await db.Instances.AsNoTracking().SingleAsync(i => i.BusinessKey == cases[2].Reference && i.ProcessId == "child-journey");
        var avr = await db.Instances.AsNoTracking().SingleAsync(i => i.ParentId == third.Id);
        Assert.Equal("assisted-voluntary-return", avr.ProcessId);
        var active = (await service.GetInstanceAsync(avr.Id, CaseSeeder.SeedActor, default)).Active;
        Assert.Contains("Task_PpnnaApproval", active);
        Assert.True(active.Contains("Send_ConsulateRequest") || active.Contains("Task_ConsulateApproval"), string.Join(", ", active));
        Assert.Equal(2, await db.Set<ChildOpinion>().CountAsync(o => o.CaseId == cases[2].Id && (o.Decision == "care-decision" || o.Decision == "return")));

        var output = _harness.Console.ToString();
        foreach (var reference in references)
        {
            Assert.Single(output.Split('\n'), line => line.Contains(reference, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("Marta", output, StringComparison.Ordinal);
        Assert.Empty(await _harness.Get<CaseSeeder>().SeedAsync(default));
        Assert.Equal(3, await _harness.Db().ChildCases().CountAsync());
    }

    [Fact]
    public async Task Seeding_adds_outreach_contacts_and_a_child_in_pre_community_on_her_second_stay()
    {
        await _harness.Get<CaseSeeder>().SeedAsync(default);

        var db = _harness.Db();
        var contacts = await db.Set<OutreachContact>().AsNoTracking().ToListAsync();
        Assert.Equal(10, contacts.Count);
        Assert.Equal(["calle-centro", "calle-norte"], contacts.Select(c => c.Team).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(contacts, c => c.RecordId is null);
        var report = await _harness.Get<OpenDoorService>().ContactReportAsync(null, default);
        Assert.Equal(contacts.Count(c => c.ContactedAt >= report.From), report.Total);

        // The child in pre-community: one record, two stays (the first ended when she left), her journey at the welcome again.
        var record = await db.Set<OpenDoorRecord>().AsNoTracking().Include(r => r.Episodes).SingleAsync(r => r.Alias == "Chispa");
        Assert.Equal(OpenDoorStatuses.PreCommunity, record.Status);
        Assert.Equal([1, 2], record.Episodes.OrderBy(e => e.Number).Select(e => e.Number));
        Assert.Equal(EpisodeEndReasons.LeftForStreet, record.Episodes.Single(e => e.Number == 1).EndReason);
        Assert.Null(record.Episodes.Single(e => e.Number == 2).EndedAt);
        var journey = await db.Instances.AsNoTracking().SingleAsync(i => i.BusinessKey == record.Reference && i.ProcessId == "open-door");
        Assert.Equal(["Task_Welcome"], (await _harness.Service().GetInstanceAsync(journey.Id, CaseSeeder.SeedActor, default)).Active);

        // A second start seeds nothing more.
        await _harness.Get<CaseSeeder>().SeedAsync(default);
        Assert.Equal(10, await _harness.Db().Set<OutreachContact>().CountAsync());
        Assert.DoesNotContain("Marta", _harness.Console.ToString(), StringComparison.Ordinal);
    }
}
