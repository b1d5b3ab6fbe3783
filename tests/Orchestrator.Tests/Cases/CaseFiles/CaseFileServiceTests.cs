using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Tests.Web;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Cases.CaseFiles;

/// <summary>
/// The services behind the case pages in the real service with the repository's journeys, on SQLite and PostgreSQL:
/// registering a child starts its journey; the case file merges the journeys' history with its own changes and lists
/// the coming deadlines; documents are taken by their bytes and every read is audited; the lists and the search keep
/// to the same caseload as the one-case check.
/// </summary>
public abstract class CaseFileServiceTests
{
    /// <summary>A pdf: the magic number is what counts.</summary>
    protected static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    /// <summary>The first bytes of a PNG.</summary>
    protected static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>A service on the provider under test.</summary>
    /// <param name="settings">More settings.</param>
    protected abstract Task<WorkspaceFactory> StartAsync(IReadOnlyDictionary<string, string>? settings = null);

    [Fact]
    public async Task Registering_opens_the_file_and_starts_the_journey_whose_referral_is_due_within_24_hours()
    {
        using var service = await StartAsync();
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        await scenario.ActorAsync(Roles.SocialWorker);
        var registeredAt = service.Clock.GetUtcNow();

        var child = await scenario.RegisterAsync("Marta", "López Ajú", coordinator);

        Assert.Matches("^CA-[0-9]{4}-[0-9]{4}$", child.Reference);
        Assert.Null(child.JourneyProblem);
        var task = Assert.IsType<CaseOpenTask>(child.FirstTask);
        Assert.Equal("Task_Referral", task.ElementId);
        Assert.Equal(registeredAt.AddHours(24), task.Due);
        Assert.Equal(["coordinator", "social-worker"], task.CandidateGroups);
        var instance = await scenario.WithAsync<WorkflowService, InstanceView>(w => w.GetInstanceAsync(child.InstanceId!, coordinator, default));
        Assert.Equal("child-journey", instance.ProcessId);
        Assert.Equal(child.Reference, instance.BusinessKey);
        Assert.Equal(child.CaseId, instance.Variables["caseId"]!.GetValue<string>());
        Assert.Equal("2012-05-04", instance.Variables["birthDate"]!.GetValue<string>());
        Assert.Equal("coordinator@test.invalid", instance.Variables["coordinatorEmail"]!.GetValue<string>());
        Assert.Equal("social-worker@test.invalid", instance.Variables["socialWorkerEmail"]!.GetValue<string>());

        // Bad input opens nothing and names the field; a second journey for the case is refused.
        var before = await CountCasesAsync(service);
        var missing = await Assert.ThrowsAsync<CaseInputException>(() => scenario.WithAsync<CaseRegistrationService, RegisteredChild>(r =>
            r.RegisterAsync(new ChildRegistrationRequest { Child = new NewCaseRequest { GivenNames = "Sin nacionalidad" } }, coordinator, default)));
        Assert.Equal("nationality", missing.Field);
        var consulate = await Assert.ThrowsAsync<CaseInputException>(() => scenario.WithAsync<CaseRegistrationService, RegisteredChild>(r =>
            r.RegisterAsync(new ChildRegistrationRequest { Child = new NewCaseRequest { GivenNames = "Eva", Nationality = "Honduras" }, ConsulateId = "nowhere" }, coordinator, default)));
        Assert.Equal("consulateId", consulate.Field);
        Assert.Equal(before, await CountCasesAsync(service));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => scenario.WithAsync<CaseRegistrationService, string>(r => r.StartJourneyAsync(child.Reference, null, coordinator, default)));
    }

    [Fact]
    public async Task The_file_merges_the_journeys_history_with_its_own_changes_newest_first_and_lists_the_coming_deadlines()
    {
        using var service = await StartAsync();
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var child = await scenario.RegisterAsync("José", "Martínez Cruz", coordinator);
        service.Clock.Advance(TimeSpan.FromHours(2));
        var placedAt = service.Clock.GetUtcNow();
        await scenario.CompleteReferralAsync(child, coordinator);
        service.Clock.Advance(TimeSpan.FromMinutes(5));
        await scenario.WithAsync<CaseService, RestitutionMeasure>(c => c.AddMeasureAsync(child.Reference,
            new NewMeasureRequest("education", "Inscribirlo en la secundaria", "SEP", null, null, null, null), coordinator, default));
        service.Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var pdf = new MemoryStream(Pdf))
        {
            await scenario.WithAsync<CaseFileService, CaseFileDocument>(f => f.UploadAsync(child.Reference, new NewDocumentUpload(DocumentCategories.Identity, "Acta de nacimiento", "acta.pdf", Pdf.Length, pdf), coordinator, default));
        }

        var readsBefore = (await scenario.AuditAsync("CaseRead")).Count;
        var file = await scenario.WithAsync<CaseFileService, CaseFile>(f => f.OpenAsync(child.Reference, coordinator, default));
        Assert.Equal(readsBefore + 1, (await scenario.AuditAsync("CaseRead")).Count);

        var timeline = file.Journeys.Timeline;
        Assert.Equal(timeline.OrderByDescending(e => e.At).Select(e => e.At), timeline.Select(e => e.At));
        Assert.Equal(CaseTimelineKinds.DocumentUploaded, timeline[0].Kind);
        Assert.Equal("Acta de nacimiento", timeline[0].Subject);
        Assert.Equal(CaseTimelineKinds.MeasureAdded, timeline[1].Kind);
        var kinds = timeline.Select(e => e.Kind).ToList();
        foreach (var kind in new[] { CaseTimelineKinds.CaseOpened, CaseTimelineKinds.JourneyStarted, CaseTimelineKinds.TaskCreated, CaseTimelineKinds.TaskCompleted, CaseTimelineKinds.PhaseChanged, CaseTimelineKinds.PlacementAssigned })
        {
            Assert.Contains(kind, kinds);
        }

        Assert.Contains(timeline, e => e.Kind == CaseTimelineKinds.TaskCompleted && e.Subject!.StartsWith("Refer the child", StringComparison.Ordinal) && e.By == Roles.Coordinator);
        Assert.Contains(timeline, e => e.Kind == CaseTimelineKinds.PhaseChanged && e.Subject == CasePhases.FirstReception);
        Assert.DoesNotContain(timeline, e => e.Kind.StartsWith("Variable", StringComparison.Ordinal));

        // The day-45 limit of first reception is a coming deadline, with its date.
        var limit = Assert.Single(file.Journeys.Deadlines, d => d.ElementId == "Timer_ReceptionLimit45");
        Assert.Equal(placedAt.AddDays(45), limit.DueAt);
        Assert.Equal("day 45: limit reached", limit.Name);
        Assert.Contains(file.Journeys.Deadlines, d => d.ElementId == "Timer_ReceptionReminder30");
        Assert.Equal(file.Journeys.Deadlines.OrderBy(d => d.DueAt).Select(d => d.TimerId), file.Journeys.Deadlines.Select(d => d.TimerId));
        Assert.Contains(file.Journeys.OpenTasks, t => t.ElementId == "Task_RestitutionPlan");
        Assert.Equal("CAS de pruebas", file.PlacementName);
        Assert.Single(file.Documents);
    }

    [Fact]
    public async Task Documents_are_taken_by_their_bytes_and_size_and_every_download_is_audited()
    {
        using var service = await StartAsync(new Dictionary<string, string> { ["Cases:Documents:MaxBytes"] = "4096" });
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var psychologist = await scenario.ActorAsync(Roles.Psychologist);
        var child = await scenario.RegisterAsync("Ana", "Ramírez Flores", coordinator);

        async Task<CaseFileDocument> UploadAsync(byte[] bytes, string name, string? category = DocumentCategories.Report, string? title = "Informe", Actor? actor = null)
        {
            await using var stream = new MemoryStream(bytes);
            return await scenario.WithAsync<CaseFileService, CaseFileDocument>(f => f.UploadAsync(child.Reference, new NewDocumentUpload(category, title, name, bytes.Length, stream), actor ?? coordinator, default));
        }

        var pdf = await UploadAsync(Pdf, "informe.pdf");
        Assert.Equal(DocumentContentTypes.Pdf, pdf.MediaType);
        Assert.Equal(Roles.Coordinator, pdf.CreatedBy);
        service.Clock.Advance(TimeSpan.FromMinutes(1));
        var png = await UploadAsync(Png, "C:\\Fotos\\credencial.png", DocumentCategories.Identity, "Credencial");
        Assert.Equal(DocumentContentTypes.Png, png.MediaType);
        Assert.Equal("credencial.png", png.FileName);

        // Refused, naming the field, storing nothing: a web page named .pdf, a file over the limit, an empty one, no
        // title, an unknown kind; and someone without the case on their caseload.
        var refusals = new (Func<Task> Upload, string Field)[]
        {
            (() => UploadAsync(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "informe.pdf"), "file"),
            (() => UploadAsync([.. Pdf, .. new byte[4096]], "grande.pdf"), "file"),
            (() => UploadAsync([], "vacio.pdf"), "file"),
            (() => UploadAsync(Pdf, "a.pdf", title: " "), "title"),
            (() => UploadAsync(Pdf, "a.pdf", category: "selfie"), "category"),
        };
        foreach (var (upload, field) in refusals)
        {
            Assert.Equal(field, (await Assert.ThrowsAsync<CaseInputException>(upload)).Field);
        }

        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => UploadAsync(Pdf, "a.pdf", actor: psychologist));
        var listed = await scenario.WithAsync<CaseFileService, IReadOnlyList<CaseFileDocument>>(f => f.ListDocumentsAsync(child.Reference, coordinator, default));
        Assert.Equal([png.Id, pdf.Id], listed.Select(d => d.Id)); // newest first

        // A letter a journey printed is a document of the case too.
        var letterId = Guid.NewGuid();
        using (var scope = service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            db.CaseDocuments.Add(new CaseDocumentRecord
            {
                Id = letterId, InstanceId = child.InstanceId!, BusinessKey = child.Reference, Kind = "letter", TemplateKey = "rejection", TemplateVersion = new string('0', 64),
                Language = "es", ContentHash = new string('1', 64), MediaType = DocumentContentTypes.Pdf, Size = Pdf.Length, Content = Pdf, CreatedBy = "system", CreatedAt = service.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var download = await scenario.WithAsync<CaseFileService, DocumentDownload>(f => f.DownloadAsync(child.Reference, pdf.Id, coordinator, default));
        Assert.Equal(Pdf, download.Content);
        Assert.Equal(DocumentContentTypes.Pdf, download.MediaType);
        Assert.StartsWith(child.Reference + "-report-", download.FileName, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", download.FileName, StringComparison.Ordinal);
        var letter = await scenario.WithAsync<CaseFileService, DocumentDownload>(f => f.DownloadAsync(child.CaseId, letterId, coordinator, default));
        Assert.Equal(Pdf, letter.Content);

        var reads = await scenario.AuditAsync("DocumentRead");
        Assert.Equal([pdf.Id.ToString(), letterId.ToString()], reads.Select(r => r.ItemId));
        Assert.All(reads, r => Assert.Equal(coordinator.Id, r.UserId));
        var uploads = await scenario.AuditAsync("DocumentUploaded");
        Assert.Equal([pdf.Id.ToString(), png.Id.ToString()], uploads.Select(r => r.ItemId));

        // Someone without the case on their caseload reads nothing, and the refusal is audited.
        var refusedBefore = (await scenario.AuditAsync("CaseReadRefused")).Count;
        await Assert.ThrowsAsync<WorkflowForbiddenException>(() => scenario.WithAsync<CaseFileService, DocumentDownload>(f => f.DownloadAsync(child.Reference, pdf.Id, psychologist, default)));
        var refusals2 = await scenario.AuditAsync("CaseReadRefused");
        Assert.Equal(refusedBefore + 1, refusals2.Count);
        Assert.Equal(psychologist.Id, refusals2[^1].UserId);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => scenario.WithAsync<CaseFileService, DocumentDownload>(f => f.DownloadAsync(child.Reference, Guid.NewGuid(), coordinator, default)));
    }

    [Fact]
    public async Task The_lists_keep_to_the_same_caseload_as_the_one_case_check()
    {
        using var service = await StartAsync();
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var dataManager = await scenario.ActorAsync(Roles.DataManager);
        var liaison = await scenario.ActorAsync(Roles.PpnnaLiaison);
        var actors = new List<Actor>
        {
            coordinator, dataManager, liaison,
            await scenario.ActorAsync(Roles.SocialWorker),
            await scenario.ActorAsync(Roles.Psychologist),
            await scenario.ActorAsync(Roles.Educator),
            await scenario.ActorAsync(Roles.Lawyer),
            new("apikey:psychology-bot", "psychology-bot", new HashSet<string>(StringComparer.Ordinal) { Roles.Psychologist }),
        };

        // A: detected, its educator named by user name. B: in first reception (tasks for the PPNNA liaison, social work
        // and psychology); the liaison completes the restitution plan, so B stays on her caseload after it.
        var a = await scenario.RegisterAsync("Alma", "Uno", coordinator, educator: Roles.Educator);
        var b = await scenario.RegisterAsync("Beto", "Dos", dataManager);
        await scenario.CompleteReferralAsync(b, coordinator);
        await scenario.CompleteAsync(b.InstanceId!, "Task_RestitutionPlan", new JsonObject { ["planReference"] = "PPNNA-1", ["protectionMeasures"] = "Salud." }, liaison);

        foreach (var actor in actors)
        {
            foreach (var child in new[] { a, b })
            {
                bool opens;
                try
                {
                    await scenario.WithAsync<CaseService, Redacted<ChildCase>>(c => c.GetCaseAsync(child.Reference, actor, default));
                    opens = true;
                }
                catch (WorkflowForbiddenException)
                {
                    opens = false;
                }

                var listed = (await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(), actor, default))).Cases.Any(c => c.Reference == child.Reference);
                Assert.True(opens == listed, $"{actor.DisplayName} {(opens ? "opens" : "does not open")} {child.Reference} but the list {(listed ? "shows" : "hides")} it");
            }
        }

        // The rule's cases, as the README states them.
        async Task<string[]> Mine(Actor actor) => [.. (await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(), actor, default))).Cases.Select(c => c.Reference)];
        Assert.Equal([a.Reference, b.Reference], await Mine(actors[3])); // social work: A's referral and B's tracing are offered to the group
        Assert.Equal([b.Reference], await Mine(actors[4])); // psychology: B's life plan
        Assert.Equal([a.Reference], await Mine(actors[5])); // the educator of A
        Assert.Empty(await Mine(actors[6])); // the lawyer has no task in either
        Assert.Equal([b.Reference], await Mine(liaison)); // she completed B's plan
    }

    [Fact]
    public async Task The_list_counts_open_and_overdue_tasks_and_the_caseload_per_worker()
    {
        using var service = await StartAsync();
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var social = await scenario.ActorAsync(Roles.SocialWorker);
        var psychologist = await scenario.ActorAsync(Roles.Psychologist);
        await scenario.ActorAsync(Roles.Educator);
        var placed = await scenario.RegisterAsync("Carla", "Tres", coordinator, educator: Roles.Educator);
        var waiting = await scenario.RegisterAsync("Dario", "Cuatro", coordinator, educator: Roles.Educator);
        await scenario.CompleteReferralAsync(placed, coordinator);
        using (var scope = service.Services.CreateScope())
        {
            var workflows = scope.ServiceProvider.GetRequiredService<WorkflowService>();
            var tracing = (await workflows.ListTasksAsync(new TaskQuery(placed.InstanceId), social, default)).Single(t => t.ElementId == "Task_FamilyTracing");
            await workflows.ClaimAsync(tracing.Id, social, default);
        }

        // A day and an hour later the waiting child's referral (24 h) is overdue.
        service.Clock.Advance(TimeSpan.FromHours(25));
        var overview = await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(), coordinator, default));
        var rowWaiting = Assert.Single(overview.Cases, c => c.Reference == waiting.Reference);
        Assert.Equal((1, 1), (rowWaiting.OpenTasks, rowWaiting.OverdueTasks));
        Assert.Equal(CasePhases.Detection, rowWaiting.Phase);
        Assert.Equal("D. C.", rowWaiting.Initials);
        var rowPlaced = Assert.Single(overview.Cases, c => c.Reference == placed.Reference);
        Assert.Equal(0, rowPlaced.OverdueTasks);
        Assert.True(rowPlaced.OpenTasks >= 3, $"first reception opens the plan, life plan and tracing tasks; {rowPlaced.OpenTasks} open");
        Assert.Equal("CAS de pruebas", rowPlaced.PlacementName);
        Assert.Equal(Roles.Educator, rowPlaced.ReferenceEducator);

        var educator = Assert.Single(overview.Workers, w => w.Name == Roles.Educator);
        Assert.Equal(2, educator.ReferenceEducatorOf);
        var worker = Assert.Single(overview.Workers, w => w.Name == Roles.SocialWorker);
        Assert.Equal((1, 1, 0), (worker.CasesWithTasks, worker.OpenTasks, worker.OverdueTasks));

        // Filters: by phase, by place, by educator.
        Assert.Equal([waiting.Reference], (await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(Phase: CasePhases.Detection), coordinator, default))).Cases.Select(c => c.Reference));
        Assert.Equal([placed.Reference], (await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(FacilityId: CaseFileScenario.FacilityId), coordinator, default))).Cases.Select(c => c.Reference));
        Assert.Equal(2, (await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(Educator: Roles.Educator), coordinator, default))).Cases.Count);
        await Assert.ThrowsAsync<CaseInputException>(() => scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(Phase: "nowhere"), coordinator, default)));

        // Other staff see their caseload only, and no one's caseload but theirs.
        var mine = await scenario.WithAsync<CaseOverviewService, CaseOverview>(o => o.ListAsync(new CaseOverviewQuery(), psychologist, default));
        Assert.Equal([placed.Reference], mine.Cases.Select(c => c.Reference));
        Assert.Empty(mine.Workers);
        var listReads = await scenario.AuditAsync("CaseListRead");
        Assert.Contains(listReads, r => r.UserId == psychologist.Id);
    }

    [Fact]
    public async Task The_search_finds_a_child_by_name_without_accents_or_case_or_by_reference_within_the_caseload_and_keeps_no_name()
    {
        using var service = await StartAsync();
        var scenario = new CaseFileScenario(service);
        var coordinator = await scenario.ActorAsync(Roles.Coordinator);
        var psychologist = await scenario.ActorAsync(Roles.Psychologist);
        var marta = await scenario.RegisterAsync("Marta", "López Ajú", coordinator);
        var other = await scenario.RegisterAsync("Martín", "Pérez", coordinator);

        async Task<IReadOnlyList<CaseSearchHit>> SearchAsync(string text, Actor actor) =>
            await scenario.WithAsync<CaseOverviewService, IReadOnlyList<CaseSearchHit>>(o => o.SearchAsync(text, actor, default));

        var hit = Assert.Single(await SearchAsync("marta lopez", coordinator));
        Assert.Equal((marta.Reference, "M. L. A.", CasePhases.Detection), (hit.Reference, hit.Initials, hit.Phase));
        Assert.Equal([marta.Reference, other.Reference], (await SearchAsync("MAR", coordinator)).Select(h => h.Reference).Order(StringComparer.Ordinal));
        Assert.Equal(other.Reference, (await SearchAsync(other.Reference.ToLowerInvariant(), coordinator))[0].Reference);
        Assert.Empty(await SearchAsync("lopez garcia", coordinator));

        // Outside her caseload the psychologist finds nothing, not even that the child is here.
        Assert.Empty(await SearchAsync("Marta", psychologist));
        await Assert.ThrowsAsync<CaseInputException>(() => SearchAsync("  ", coordinator));

        // Audited with what was found, never the words searched.
        var searches = await scenario.AuditAsync("CaseSearch");
        Assert.Equal(5, searches.Count); // the empty search was refused before it searched
        Assert.Contains(marta.Reference, searches[0].Detail, StringComparison.Ordinal);
        Assert.All(searches, s => Assert.DoesNotContain("marta", s.Detail!, StringComparison.OrdinalIgnoreCase));
        Assert.All(searches, s => Assert.DoesNotContain("lopez", s.Detail!, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<int> CountCasesAsync(WorkspaceFactory service)
    {
        using var scope = service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().ChildCases().CountAsync();
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteCaseFileServiceTests : CaseFileServiceTests
{
    protected override Task<WorkspaceFactory> StartAsync(IReadOnlyDictionary<string, string>? settings = null) => Task.FromResult(new WorkspaceFactory(settings));
}

/// <summary>On PostgreSQL (a fresh database per test on the shared test server).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresCaseFileServiceTests(PostgresServer server) : CaseFileServiceTests
{
    protected override async Task<WorkspaceFactory> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Orchestrator"] = await server.CreateDatabaseAsync("casefiles"),
        };
        return new WorkspaceFactory(all);
    }
}
