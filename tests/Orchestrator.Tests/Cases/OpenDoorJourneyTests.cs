using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Forms;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The open door's and the programmes' handlers through the real journeys of <c>workflows/</c> and the real
/// <see cref="WorkflowService"/> (task data checked by the real forms), on SQLite and PostgreSQL: stays in
/// pre-community as episodes of one record, the admission that opens the case file and starts the residence under its
/// reference, the residence's ages, a programme's places, consent that keeps a task pending, a baby linked to its
/// mother, and Luna's findings written to the case file.
/// </summary>
public abstract class OpenDoorJourneyTests : IAsyncLifetime
{
    private static readonly Actor Coordinator = new("u-coord", "Carla", new HashSet<string>(StringComparer.Ordinal) { Roles.Coordinator });
    private static readonly Actor Counsellor = new("u-street", "Sergio", new HashSet<string>(StringComparer.Ordinal) { Roles.OutreachCounsellor });

    private TestDatabase _database = null!;
    private CaseHarness _harness = null!;

    protected abstract Task<TestDatabase> NewDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await NewDatabaseAsync();
        await _database.MigrateAsync();
        var workflows = Path.Combine(ApiFactory.RepositoryRoot, "workflows");
        var forms = FormCatalog.Load(Path.Combine(workflows, "forms"), new FormValidator());
        _harness = new CaseHarness(_database, new Dictionary<string, string?> { ["Cases:Palomas:Capacity"] = "1" }, new CatalogTaskFormValidator(forms));
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

    private OpenDoorService OpenDoor() => _harness.Get<OpenDoorService>();

    private async Task CompleteAsync(string instanceId, string elementId, JsonObject data, Actor? actor = null)
    {
        var tasks = await _harness.Service().ListTasksAsync(new TaskQuery(instanceId), Coordinator, default);
        var task = tasks.FirstOrDefault(t => t.ElementId == elementId)
            ?? throw new InvalidOperationException($"{elementId} is not open; open: {string.Join(", ", tasks.Select(t => t.ElementId))}");
        await _harness.Service().CompleteAsync(task.Id, data, actor ?? Coordinator, default);
    }

    private async Task<string[]> ActiveAsync(string instanceId) => [.. (await _harness.Service().GetInstanceAsync(instanceId, Coordinator, default)).Active.Order(StringComparer.Ordinal)];

    private static JsonObject Welcome() => new() { ["rulesExplained"] = true, ["activities"] = new JsonArray("meals"), ["childOpinion"] = "Vengo a comer." };

    private static JsonObject Ready() => new() { ["readyForResidence"] = true, ["childWantsResidence"] = true, ["childOpinion"] = "Me quiero quedar." };

    private static JsonObject Admission(string birthDate) => new()
    {
        ["givenNames"] = "Luis", ["familyNames"] = "Pérez Ruiz", ["birthDate"] = birthDate, ["sex"] = "male", ["nationality"] = "México",
        ["languages"] = "es", ["legalRepresentative"] = "ppnna", ["childOpinion"] = "Quiero vivir en la casa.",
    };

    [Fact]
    public async Task Each_stay_is_an_episode_of_one_record_and_the_admission_opens_the_case_file_and_the_residence()
    {
        var record = await OpenDoor().CreateRecordAsync(new NewRecordRequest("Güero", 13, ChildSexes.Male, "Centro", null), Counsellor, default);
        var journey = await OpenDoor().ArriveAsync(record.Id, null, Counsellor, default);
        await CompleteAsync(journey, "Task_Welcome", Welcome());
        await OpenDoor().DepartAsync(record.Reference, Counsellor, default);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => OpenDoor().DepartAsync(record.Id, Counsellor, default)); // no stay is open
        Assert.Equal(journey, await OpenDoor().ArriveAsync(record.Id, null, Counsellor, default));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => OpenDoor().ArriveAsync(record.Id, null, Counsellor, default)); // already in
        await CompleteAsync(journey, "Task_Welcome", Welcome());
        await OpenDoor().DepartAsync(record.Id, Counsellor, default);
        await OpenDoor().ArriveAsync(record.Id, null, Counsellor, default);
        await CompleteAsync(journey, "Task_Welcome", Welcome());
        await CompleteAsync(journey, "Task_ReadinessReview", Ready());
        await CompleteAsync(journey, "Task_Admission", Admission("2012-08-20"));

        var db = _harness.Db();
        var stored = await db.Set<OpenDoorRecord>().AsNoTracking().Include(r => r.Episodes).SingleAsync(r => r.Id == record.Id);
        Assert.Equal(OpenDoorStatuses.Residential, stored.Status);
        Assert.Equal(
            [(1, EpisodeEndReasons.LeftForStreet), (2, EpisodeEndReasons.LeftForStreet), (3, EpisodeEndReasons.MovedToResidence)],
            stored.Episodes.OrderBy(e => e.Number).Select(e => (e.Number, e.EndReason!)));
        Assert.Equal("CA-2026-0001", stored.AdmittedCaseReference);

        var child = await db.ChildCases().AsNoTracking().Include(c => c.Events).Include(c => c.Opinions).SingleAsync(c => c.Id == stored.AdmittedCaseId);
        Assert.Equal((CasePhases.Residential, "Luis", new DateOnly(2012, 8, 20), "ppnna"), (child.Phase, child.GivenNames, child.BirthDate!.Value, child.LegalRepresentative!));
        var opened = Assert.Single(child.Events);
        Assert.Null(opened.InstanceId); // nothing on the case file points back to the record's journey
        Assert.Null(Assert.Single(child.Opinions).InstanceId);

        Assert.Equal("completed", (await _harness.Service().GetInstanceAsync(journey, Coordinator, default)).Status);
        var residence = await db.Instances.AsNoTracking().SingleAsync(i => i.ProcessId == "residential-care");
        Assert.Equal(child.Reference, residence.BusinessKey);
        var view = await _harness.Service().GetInstanceAsync(residence.Id, Coordinator, default);
        Assert.Equal(child.Id, view.Variables["caseId"]!.GetValue<string>());
        Assert.Equal("2012-08-20", view.Variables["birthDate"]!.GetValue<string>());
        Assert.False(view.Variables.ContainsKey("recordId")); // the residence holds no link back to the street record
        Assert.Equal(["Task_ResidentLifePlan", "Task_SupportPlan"], await ActiveAsync(residence.Id));
    }

    [Fact]
    public async Task A_child_outside_the_residences_ages_is_referred_elsewhere_and_no_case_file_opens()
    {
        var record = await OpenDoor().CreateRecordAsync(new NewRecordRequest("Tito", 9, ChildSexes.Male, "Centro", null), Counsellor, default);
        var journey = await OpenDoor().ArriveAsync(record.Id, null, Counsellor, default);
        await CompleteAsync(journey, "Task_Welcome", Welcome());
        await CompleteAsync(journey, "Task_ReadinessReview", Ready());
        await CompleteAsync(journey, "Task_Admission", Admission("2017-01-10"));

        Assert.Equal(["Task_AdmissionRefused"], await ActiveAsync(journey));
        var refusal = (await _harness.Service().GetInstanceAsync(journey, Coordinator, default)).Variables["admissionRefusal"]!.GetValue<string>();
        Assert.Contains("aged 12–18; the child is 9", refusal, StringComparison.Ordinal);
        await CompleteAsync(journey, "Task_AdmissionRefused", new JsonObject { ["notes"] = "Al DIF." });
        var stored = await _harness.Db().Set<OpenDoorRecord>().AsNoTracking().Include(r => r.Episodes).SingleAsync(r => r.Id == record.Id);
        Assert.Equal((OpenDoorStatuses.Closed, RecordClosureReasons.ReferredElsewhere), (stored.Status, stored.ClosureReason));
        Assert.Equal(EpisodeEndReasons.RecordClosed, Assert.Single(stored.Episodes).EndReason);
        Assert.False(await _harness.Db().ChildCases().AnyAsync());
    }

    private async Task<ChildCase> MotherAsync(string given, string sex = ChildSexes.Female) =>
        await _harness.Cases().CreateCaseAsync(new NewCaseRequest { GivenNames = given, BirthDate = new DateOnly(2010, 6, 1), Sex = sex, Nationality = "México", LegalRepresentative = "ppnna" }, Coordinator, default);

    [Fact]
    public async Task A_programme_holds_its_places_its_consent_is_a_pending_task_until_given_and_a_baby_is_linked()
    {
        var programmes = _harness.Get<ProgrammeService>();
        var first = await MotherAsync("Rosa");
        var second = await MotherAsync("Lupe");
        var boy = await MotherAsync("Beto", ChildSexes.Male);

        var enrolment = await programmes.EnrolAsync(first.Id, new EnrolmentRequest(CareProgrammes.Palomas, null), Coordinator, default);
        Assert.Equal(["Task_ConsentPending"], await ActiveAsync(enrolment));
        var pending = Assert.Single(await programmes.ListEnrolmentsAsync(first.Id, Coordinator, default));
        Assert.Equal(EnrolmentStatuses.PendingConsent, pending.Status);
        Assert.Equal(["child: programme:palomas", "ppnna: programme:palomas", "child: information-sharing", "ppnna: information-sharing"], pending.MissingConsents);
        var task = Assert.Single(await _harness.Service().ListTasksAsync(new TaskQuery(enrolment), Coordinator, default));
        Assert.Equal([Roles.Coordinator, Roles.PalomasTeam], task.CandidateGroups.Order(StringComparer.Ordinal));

        // Palomas Home has one place in this test's settings: the waiting enrolment holds it.
        var refused = await programmes.EnrolAsync(second.Id, new EnrolmentRequest(CareProgrammes.Palomas, null), Coordinator, default);
        Assert.Equal(["Task_EnrolmentRefused"], await ActiveAsync(refused));
        Assert.Contains("1 places and all are taken", (await _harness.Service().GetInstanceAsync(refused, Coordinator, default)).Variables["enrolmentRefusal"]!.GetValue<string>(), StringComparison.Ordinal);
        var notEligible = await programmes.EnrolAsync(boy.Id, new EnrolmentRequest(CareProgrammes.Palomas, null), Coordinator, default);
        Assert.Contains("female participants only", (await _harness.Service().GetInstanceAsync(notEligible, Coordinator, default)).Variables["enrolmentRefusal"]!.GetValue<string>(), StringComparison.Ordinal);

        // Consent given in part: the task is pending again after it is checked.
        foreach (var (subject, giver) in new[] { ("programme:palomas", "child"), ("programme:palomas", "ppnna"), ("information-sharing", "child") })
        {
            await programmes.RecordConsentAsync(first.Id, new NewConsentRequest(subject, giver, true, new DateOnly(2026, 3, 1), null), Coordinator, default);
        }

        await CompleteAsync(enrolment, "Task_ConsentPending", new JsonObject { ["notes"] = "Faltaba la PPNNA." });
        Assert.Equal(["Task_ConsentPending"], await ActiveAsync(enrolment));
        Assert.Equal(["ppnna: information-sharing"], Assert.Single(await programmes.ListEnrolmentsAsync(first.Id, Coordinator, default)).MissingConsents);
        await programmes.RecordConsentAsync(first.Id, new NewConsentRequest("information-sharing", "ppnna", true, null, "Oficio PPNNA 12/2026"), Coordinator, default);
        await CompleteAsync(enrolment, "Task_ConsentPending", new JsonObject { ["notes"] = "Completo." });

        Assert.Equal(["Task_PalomasIntake"], await ActiveAsync(enrolment));
        var active = Assert.Single(await programmes.ListEnrolmentsAsync(first.Id, Coordinator, default));
        Assert.Equal((EnrolmentStatuses.Active, Roles.PalomasTeam), (active.Status, active.Team));
        await CompleteAsync(enrolment, "Task_PalomasIntake", new JsonObject
        {
            ["pregnant"] = false, ["hasBaby"] = true, ["babyGivenNames"] = "Sol", ["babyBirthDate"] = "2026-01-20", ["babySex"] = "female", ["childOpinion"] = "Quiero criarla aquí.",
        });
        var baby = await _harness.Db().Set<BabyRecord>().AsNoTracking().SingleAsync();
        Assert.Equal((first.Id, active.Id, "Sol", new DateOnly(2026, 1, 20)), (baby.MotherCaseId, baby.EnrolmentId!.Value, baby.GivenNames, baby.BirthDate!.Value));
        Assert.Equal(["Catch_ReviewDue"], await ActiveAsync(enrolment));
    }

    [Fact]
    public async Task Lunas_assessment_writes_the_sensitive_fields_and_a_recorded_trafficking_flag_stays()
    {
        var programmes = _harness.Get<ProgrammeService>();
        var child = await _harness.Cases().CreateCaseAsync(new NewCaseRequest { GivenNames = "Itzel", BirthDate = new DateOnly(2009, 2, 1), Sex = ChildSexes.Female, Nationality = "México" }, Coordinator, default);
        await programmes.RecordConsentAsync(child.Id, new NewConsentRequest("programme:luna", "child", true, null, null), Coordinator, default);
        var enrolment = await programmes.EnrolAsync(child.Reference, new EnrolmentRequest(CareProgrammes.Luna, null), Coordinator, default);
        Assert.Equal(["Task_LunaAssessment"], await ActiveAsync(enrolment)); // no representative: the assent is enough

        var luna = new Actor("u-luna", "Lorena", new HashSet<string>(StringComparer.Ordinal) { Roles.LunaTeam });
        await CompleteAsync(enrolment, "Task_LunaAssessment", new JsonObject
        {
            ["hivStatus"] = "positive", ["sexualExploitationHistory"] = "Explotada en 2024.", ["traffickingVictim"] = true, ["carePlan"] = "TAR; cita mensual.", ["childOpinion"] = "Quiero cuidarme.",
        }, luna);

        var stored = await _harness.Db().ChildCases().AsNoTracking().SingleAsync(c => c.Id == child.Id);
        Assert.Equal(("positive", "Explotada en 2024.", true), (stored.HivStatus, stored.SexualExploitationHistory, stored.Flags.TraffickingVictim));
        Assert.Equal(["Catch_ReviewDue"], await ActiveAsync(enrolment));

        // The case file as a coordinator reads it: the same fields, restricted.
        var file = await _harness.Cases().GetCaseAsync(child.Id, Coordinator, default);
        Assert.True(file.IsRestricted("hivStatus") && file.IsRestricted("flags.traffickingVictim"));
        Assert.Null(file.Value.HivStatus);
        Assert.Equal("positive", (await _harness.Cases().GetCaseAsync(child.Id, luna, default)).Value.HivStatus);
    }
}
