using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases;
using Orchestrator.Cases.Handlers;
using Orchestrator.Engine.Runtime;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The case handlers through the real <see cref="WorkflowService"/> on SQLite and PostgreSQL: the case row and the
/// workflow step commit together (and roll back together), placements are refused as BPMN errors the process catches,
/// bad input is a failure naming the variable (then an incident), and references are allocated without races.
/// </summary>
public abstract class CaseHandlerTests : IAsyncLifetime
{
    private const string PlacementXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:cases" id="Defs_Place">
          <bpmn:error id="Err_Full" errorCode="FACILITY_FULL" />
          <bpmn:error id="Err_Age" errorCode="AGE_OUT_OF_RANGE" />
          <bpmn:error id="Err_Sex" errorCode="SEX_MISMATCH" />
          <bpmn:process id="CasePlacement" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Service_Phase" orc:type="case.setPhase" orc:retries="1">
              <bpmn:extensionElements><orc:input target="phase" source="long-term-care" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="Service_Place" orc:type="case.assignPlacement" orc:retries="1">
              <bpmn:extensionElements>
                <orc:input target="placementType" source="=placementType" />
                <orc:input target="facilityId" source="=facilityId" />
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="Catch_Full" attachedToRef="Service_Place"><bpmn:errorEventDefinition errorRef="Err_Full" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Catch_Age" attachedToRef="Service_Place"><bpmn:errorEventDefinition errorRef="Err_Age" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="Catch_Sex" attachedToRef="Service_Place"><bpmn:errorEventDefinition errorRef="Err_Sex" /></bpmn:boundaryEvent>
            <bpmn:userTask id="Task_Placed" orc:candidateGroups="coordinator" />
            <bpmn:userTask id="Task_Full" orc:candidateGroups="coordinator" />
            <bpmn:userTask id="Task_Age" orc:candidateGroups="coordinator" />
            <bpmn:userTask id="Task_Sex" orc:candidateGroups="coordinator" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Service_Phase" />
            <bpmn:sequenceFlow id="F2" sourceRef="Service_Phase" targetRef="Service_Place" />
            <bpmn:sequenceFlow id="F3" sourceRef="Service_Place" targetRef="Task_Placed" />
            <bpmn:sequenceFlow id="F4" sourceRef="Catch_Full" targetRef="Task_Full" />
            <bpmn:sequenceFlow id="F5" sourceRef="Catch_Age" targetRef="Task_Age" />
            <bpmn:sequenceFlow id="F6" sourceRef="Catch_Sex" targetRef="Task_Sex" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string FamilyXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:cases" id="Defs_Family">
          <bpmn:process id="FamilyRegister" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:serviceTask id="Service_Certify" orc:type="family.certify" orc:retries="1">
              <bpmn:extensionElements>
                <orc:output target="certificateNumber" source="=certificateNumber" />
                <orc:output target="certificateValidUntil" source="=certificateValidUntil" />
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="Service_Register" orc:type="family.register" orc:retries="1" />
            <bpmn:userTask id="Task_Wait" orc:candidateGroups="coordinator" />
            <bpmn:serviceTask id="Service_Withdrawn" orc:type="family.setStatus" orc:retries="1">
              <bpmn:extensionElements><orc:input target="status" source="withdrawn" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Service_Certify" />
            <bpmn:sequenceFlow id="F2" sourceRef="Service_Certify" targetRef="Service_Register" />
            <bpmn:sequenceFlow id="F3" sourceRef="Service_Register" targetRef="Task_Wait" />
            <bpmn:sequenceFlow id="F4" sourceRef="Task_Wait" targetRef="Service_Withdrawn" />
            <bpmn:sequenceFlow id="F5" sourceRef="Service_Withdrawn" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private TestDatabase _database = null!;
    private CaseHarness _harness = null!;

    protected abstract Task<TestDatabase> NewDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await NewDatabaseAsync();
        await _database.MigrateAsync();
        _harness = new CaseHarness(_database);
        await _harness.DeployAsync(PlacementXml, "case-placement.bpmn");
        await _harness.DeployAsync(FamilyXml, "family-register.bpmn");
    }

    public async Task DisposeAsync()
    {
        await _harness.StopAsync();
        await _database.DisposeAsync();
    }

    private async Task<ChildCase> ChildAsync(int birthYear = 2012, string sex = ChildSexes.Female, string? siblings = null) =>
        await _harness.Cases().CreateCaseAsync(new NewCaseRequest { GivenNames = "Test", FamilyNames = "Child", BirthDate = new DateOnly(birthYear, 1, 10), Sex = sex, Nationality = "Honduras", Languages = "es", SiblingGroup = siblings }, Actors.Coordinator, default);

    private Task<Facility> FacilityAsync(string id, string kind, int capacity, string sex = FacilitySexes.Any) =>
        _harness.Get<FacilityService>().CreateFacilityAsync(new NewFacilityRequest(id, id, kind, capacity, null, null, sex, "CDMX"), default);

    private Task<string> PlaceAsync(ChildCase child, string type, string? facility) =>
        _harness.Service().StartAsync("CasePlacement", new JsonObject { ["caseId"] = child.Id, ["placementType"] = type, ["facilityId"] = facility }, child.Reference, Actors.Coordinator, default);

    private async Task<string[]> ActiveAsync(string instance) => [.. (await _harness.Service().GetInstanceAsync(instance, Actors.Coordinator, default)).Active];

    private async Task<ChildCase> ReloadAsync(ChildCase child) =>
        await _harness.Db().ChildCases().AsNoTracking().Include(c => c.Events).Include(c => c.Evaluations).SingleAsync(c => c.Id == child.Id);

    [Fact]
    public async Task Phase_and_placement_are_written_with_the_steps_that_made_them()
    {
        await FacilityAsync("lt-1", FacilityKinds.LongTerm, 15);
        var child = await ChildAsync();

        var instance = await PlaceAsync(child, PlacementTypes.LongTermCas, "lt-1");

        Assert.Equal(["Task_Placed"], await ActiveAsync(instance));
        var stored = await ReloadAsync(child);
        Assert.Equal(CasePhases.LongTermCare, stored.Phase);
        Assert.Equal((PlacementTypes.LongTermCas, "lt-1"), (stored.PlacementType, stored.PlacementId));
        var phase = Assert.Single(stored.Events, e => e.Type == CaseEventTypes.PhaseChanged);
        Assert.Equal((CasePhases.Detection, CasePhases.LongTermCare, instance), (phase.From, phase.To, phase.InstanceId));
        Assert.Single(stored.Events, e => e.Type == CaseEventTypes.PlacementAssigned && e.To == "long-term-cas:lt-1");
        Assert.Equal(1, await CaseRules.OccupancyAsync(_harness.Db(), "lt-1", null, default));
    }

    [Fact]
    public async Task Setting_the_phase_a_case_already_has_records_no_second_change()
    {
        await FacilityAsync("lt-2", FacilityKinds.LongTerm, 15);
        var child = await ChildAsync();
        await PlaceAsync(child, PlacementTypes.LongTermCas, "lt-2");
        var since = (await ReloadAsync(child)).PhaseSince;

        // A called journey closes the case and its caller closes it again: the same phase twice is one change.
        await PlaceAsync(child, PlacementTypes.LongTermCas, "lt-2");

        var stored = await ReloadAsync(child);
        Assert.Single(stored.Events, e => e.Type == CaseEventTypes.PhaseChanged);
        Assert.Equal(since, stored.PhaseSince);
    }

    [Fact]
    public async Task The_referral_to_first_reception_records_the_profile_flags_and_the_childs_opinion()
    {
        await FacilityAsync("fr-1", FacilityKinds.FirstReception, 30);
        var child = await ChildAsync();

        var instance = await _harness.Service().StartAsync("CasePlacement", new JsonObject
        {
            ["caseId"] = child.Id, ["placementType"] = "first-reception", ["facilityId"] = "fr-1",
            ["indigenous"] = true, ["traffickingVictim"] = false, ["childOpinion"] = "Quiero aprender a leer.",
        }, child.Reference, Actors.Coordinator, default);

        Assert.Equal(["Task_Placed"], await ActiveAsync(instance));
        var stored = await _harness.Db().ChildCases().AsNoTracking().Include(c => c.Opinions).SingleAsync(c => c.Id == child.Id);
        Assert.True(stored.Flags.Indigenous);
        Assert.False(stored.Flags.TraffickingVictim);
        var opinion = Assert.Single(stored.Opinions);
        Assert.Equal(("placement", "Quiero aprender a leer.", instance), (opinion.Decision, opinion.Opinion, opinion.InstanceId));
    }

    [Fact]
    public async Task A_full_facility_is_refused_with_FACILITY_FULL_and_the_case_keeps_its_placement()
    {
        await FacilityAsync("gh-1", FacilityKinds.GroupHome, 1);
        var first = await ChildAsync(birthYear: 2009);
        Assert.Equal(["Task_Placed"], await ActiveAsync(await PlaceAsync(first, PlacementTypes.GroupHome, "gh-1")));
        var second = await ChildAsync(birthYear: 2009);

        var instance = await PlaceAsync(second, PlacementTypes.GroupHome, "gh-1");

        Assert.Equal(["Task_Full"], await ActiveAsync(instance));
        var view = await _harness.Service().GetInstanceAsync(instance, Actors.Coordinator, default);
        Assert.Contains("no place", view.Variables["placementRefusal"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await ReloadAsync(second);
        Assert.Null(stored.PlacementId);
        Assert.DoesNotContain(stored.Events, e => e.Type == CaseEventTypes.PlacementAssigned);
    }

    [Fact]
    public async Task Siblings_need_places_together()
    {
        await FacilityAsync("lt-2", FacilityKinds.LongTerm, 2);
        await FacilityAsync("lt-3", FacilityKinds.LongTerm, 15);
        var other = await ChildAsync();
        Assert.Equal(["Task_Placed"], await ActiveAsync(await PlaceAsync(other, PlacementTypes.LongTermCas, "lt-2")));
        var sister = await ChildAsync(siblings: "family-a");
        await ChildAsync(siblings: "family-a");

        // One place is left at lt-2, but the brother comes along: refused there, accepted where both fit.
        Assert.Equal(["Task_Full"], await ActiveAsync(await PlaceAsync(sister, PlacementTypes.LongTermCas, "lt-2")));
        Assert.Equal(["Task_Placed"], await ActiveAsync(await PlaceAsync(sister, PlacementTypes.LongTermCas, "lt-3")));
    }

    [Fact]
    public async Task A_wrong_age_or_sex_is_refused_with_its_own_error()
    {
        await FacilityAsync("gh-2", FacilityKinds.GroupHome, 8);
        await FacilityAsync("lt-girls", FacilityKinds.LongTerm, 15, FacilitySexes.Female);
        var young = await ChildAsync(birthYear: 2016); // 10 on 2026-03-02; a group home takes 16-18
        var boy = await ChildAsync(sex: ChildSexes.Male);

        Assert.Equal(["Task_Age"], await ActiveAsync(await PlaceAsync(young, PlacementTypes.GroupHome, "gh-2")));
        Assert.Equal(["Task_Sex"], await ActiveAsync(await PlaceAsync(boy, PlacementTypes.LongTermCas, "lt-girls")));
        Assert.Null((await ReloadAsync(young)).PlacementId);
        Assert.Null((await ReloadAsync(boy)).PlacementId);
    }

    [Fact]
    public async Task An_unknown_case_or_a_missing_variable_fails_naming_it_then_an_incident()
    {
        var unknown = await _harness.Service().StartAsync("CasePlacement", new JsonObject { ["caseId"] = "case-nobody", ["placementType"] = "long-term-cas", ["facilityId"] = "x" }, null, Actors.Coordinator, default);
        var incident = Assert.Single((await _harness.Service().GetInstanceAsync(unknown, Actors.Coordinator, default)).Incidents);
        Assert.Equal("Service_Phase", incident.ElementId);
        Assert.Contains("caseId", incident.Message, StringComparison.Ordinal);
        Assert.Contains("case-nobody", incident.Message, StringComparison.Ordinal);

        var child = await ChildAsync();
        var missing = await _harness.Service().StartAsync("CasePlacement", new JsonObject { ["caseId"] = child.Id, ["placementType"] = "long-term-cas" }, null, Actors.Coordinator, default);
        incident = Assert.Single((await _harness.Service().GetInstanceAsync(missing, Actors.Coordinator, default)).Incidents);
        Assert.Equal("Service_Place", incident.ElementId);
        Assert.Contains("facilityId", incident.Message, StringComparison.Ordinal);
        Assert.Equal(CasePhases.LongTermCare, (await ReloadAsync(child)).Phase);
        Assert.Null((await ReloadAsync(child)).PlacementId);
    }

    [Fact]
    public async Task A_place_taken_between_the_attempt_and_the_completion_rolls_back_both_and_the_rerun_is_refused()
    {
        await FacilityAsync("lt-last", FacilityKinds.LongTerm, 1);
        var child = await ChildAsync();
        var rival = await ChildAsync();
        var registry = _harness.Handlers;
        var real = (ITransactionalJobHandler)registry.Find(AssignPlacementHandler.JobType)!;
        var interloper = new InterleavingHandler(real, async () =>
        {
            // Another placement commits after this job's attempt checked the facility, before its completion.
            await using var db = _database.CreateContext();
            var row = await db.ChildCases().SingleAsync(c => c.Id == rival.Id);
            row.PlacementType = PlacementTypes.LongTermCas;
            row.PlacementId = "lt-last";
            await db.SaveChangesAsync();
        });
        registry.Register(AssignPlacementHandler.JobType, interloper);

        var instance = await PlaceAsync(child, PlacementTypes.LongTermCas, "lt-last");

        // Nothing of the completion committed: the job is still there, the case is unplaced, no placement event.
        Assert.Equal(["Service_Place"], await ActiveAsync(instance));
        var stored = await ReloadAsync(child);
        Assert.Null(stored.PlacementId);
        Assert.DoesNotContain(stored.Events, e => e.Type == CaseEventTypes.PlacementAssigned);
        Assert.Equal(CasePhases.LongTermCare, stored.Phase); // the step before had committed on its own
        Assert.DoesNotContain(await _harness.Db().History.AsNoTracking().Where(h => h.InstanceId == instance).Select(h => h.ElementId).ToListAsync(), e => e == "Task_Full" || e == "Task_Placed");

        // The job's lease runs out and it runs again: now the attempt sees the facility full.
        registry.Register(AssignPlacementHandler.JobType, real);
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        await _harness.Service().RunDueJobsAsync("cases-test", 10, default);
        Assert.Equal(["Task_Full"], await ActiveAsync(instance));
        Assert.Equal(1, interloper.Attempts);
    }

    [Fact]
    public async Task Twenty_cases_opened_at_once_get_twenty_distinct_references()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => ChildAsync())));
        var references = created.Select(c => c.Reference).ToList();
        Assert.Equal(20, references.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"CA-2026-{n:D4}").Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_family_is_certified_with_the_configured_validity_registered_and_withdrawn()
    {
        var family = await _harness.Get<FosterFamilyService>().RegisterFamilyAsync(new NewFamilyRequest("fam-1", "FAM-0001", "Familia Uno", "K'iche'", "es", 2, 10, 17, null, "familia@test.invalid"), default);

        var instance = await _harness.Service().StartAsync("FamilyRegister", new JsonObject { ["familyId"] = family.Id, ["capacity"] = 3, ["languages"] = "es, k'iche'" }, null, Actors.Coordinator, default);

        Assert.Equal(["Task_Wait"], await ActiveAsync(instance));
        var view = await _harness.Service().GetInstanceAsync(instance, Actors.Coordinator, default);
        Assert.Equal("DIF-CERT-2026-FAM-0001", view.Variables["certificateNumber"]!.GetValue<string>());
        var stored = await _harness.Db().FosterFamilies().AsNoTracking().SingleAsync(f => f.Id == family.Id);
        Assert.Equal(FosterFamilyStatus.Active, stored.Status);
        Assert.Equal(_harness.Clock.GetUtcNow().AddMonths(24), stored.CertificateExpiresAt);

        // The expiry as the register holds it, in plain ISO 8601 (letters print it as a date).
        Assert.Equal(stored.CertificateExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), view.Variables["certificateValidUntil"]!.GetValue<string>());
        Assert.Equal((3, "es, k'iche'"), (stored.Capacity, stored.Languages));

        var child = await _harness.Cases().CreateCaseAsync(new NewCaseRequest { GivenNames = "Ixchel", BirthDate = new DateOnly(2013, 5, 1), Nationality = "Guatemala", Languages = "k'iche', es", Culture = "K'iche'" }, Actors.Coordinator, default);
        var match = Assert.Single(await _harness.Get<FosterFamilyService>().SuggestFamiliesAsync(child.Id, Actors.Coordinator, default));
        Assert.Equal((family.Id, 3, true), (match.FamilyId, match.PlacesLeft, match.SameCulture));
        Assert.Equal(["es", "k'iche'"], match.SharedLanguages);

        var task = Assert.Single(await _harness.Service().ListTasksAsync(new TaskQuery(instance), Actors.Coordinator, default));
        await _harness.Service().CompleteAsync(task.Id, null, Actors.Coordinator, default);
        stored = await _harness.Db().FosterFamilies().AsNoTracking().SingleAsync(f => f.Id == family.Id);
        Assert.Equal((FosterFamilyStatus.Closed, "withdrawn"), (stored.Status, stored.ClosureReason));
        Assert.Empty(await _harness.Get<FosterFamilyService>().SuggestFamiliesAsync(child.Id, Actors.Coordinator, default));
    }

    /// <summary>Runs something between the real handler's attempt and its completion.</summary>
    private sealed class InterleavingHandler(ITransactionalJobHandler inner, Func<Task> between) : ITransactionalJobHandler
    {
        public int Attempts { get; private set; }

        public async ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
        {
            Attempts++;
            var outcome = await inner.ExecuteAsync(context, cancellationToken);
            await between();
            return outcome;
        }

        public Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken) =>
            inner.OnCompletingAsync(context, outcome, change, cancellationToken);
    }
}
