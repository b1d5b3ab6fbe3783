using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Designer;

/// <summary>
/// The designer's server side (<c>/api/designer</c>) on the real service with the journeys: the process list, a version
/// with its forms and scenarios, the FEEL check, the validator with this service's forms and handlers, scenarios run
/// against a changed diagram (failures read into their parts), drafts with optimistic concurrency, hostile files, and
/// who may call it.
/// </summary>
public sealed class DesignerApiTests(DesignerServiceFactory fixture) : IClassFixture<DesignerServiceFactory>
{
    private readonly Web.WorkspaceFactory _service = fixture.Service;

    [Fact]
    public async Task The_list_shows_each_process_with_its_versions_and_running_instances_and_a_version_opens_with_its_forms_and_scenarios()
    {
        using var staff = _service.Client(Roles.Coordinator);
        var started = await staff.PostJsonAsync("/api/processes/transition-to-independence/instances",
            new { variables = new { caseId = "case-list-1", caseReference = "CA-2026-0100", coordinatorEmail = "c@example.org", birthDate = "2009-01-01", closeCaseAtEnd = false }, businessKey = "CA-2026-0100" },
            HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(started.GetProperty("id").GetString()));

        using var designer = _service.Client(Roles.Designer);
        var processes = await designer.GetJsonAsync("/api/designer/processes");
        string[] journeys = ["assisted-voluntary-return", "child-journey", "foster-family-certification", "open-door", "programme-enrolment", "residential-care", "transition-to-independence"];
        Assert.Equal(journeys, processes.EnumerateArray().Select(p => p.GetProperty("processId").GetString()).Where(journeys.Contains)); // every journey of workflows/, in order
        var transition = processes.Version("transition-to-independence", 1);
        Assert.Equal("system", transition.GetProperty("deployedBy").GetString());
        Assert.True(transition.GetProperty("running").GetInt32() >= 1);

        var version = await designer.GetJsonAsync("/api/designer/processes/child-journey/versions/1");
        Assert.Equal(DesignerApi.JourneyXml("child-journey"), version.GetProperty("xml").GetString());
        Assert.Equal("referral", version.GetProperty("forms").GetProperty("referral").GetProperty("id").GetString());
        var scenarios = version.GetProperty("scenarios").EnumerateObject().Select(s => s.Name).ToList();
        Assert.Equal(DesignerApi.JourneyScenarios("child-journey").Select(s => s.Key), scenarios);
        Assert.Contains("reception-45-day-escalation", scenarios);

        await designer.GetJsonAsync("/api/designer/processes/child-journey/versions/9", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FEEL_is_checked_as_typed_with_the_position_and_message_of_an_error()
    {
        using var designer = _service.Client(Roles.Designer);
        var valid = await designer.PostJsonAsync("/api/designer/feel", new { expression = "=duration(\"P1D\") * receptionLimitDays" }, HttpStatusCode.OK);
        Assert.True(valid.GetProperty("valid").GetBoolean());

        var invalid = await designer.PostJsonAsync("/api/designer/feel", new { expression = "=age >= " }, HttpStatusCode.OK);
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        var error = invalid.GetProperty("errors")[0];
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() >= 8, "the column counts the '=' the person typed");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));

        var tests = await designer.PostJsonAsync("/api/designer/feel", new { expression = "< 10, > 20", unaryTests = true }, HttpStatusCode.OK);
        Assert.True(tests.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_validator_finds_nothing_in_the_journey_and_an_error_for_each_condition_deleted_from_a_gateway()
    {
        using var designer = _service.Client(Roles.Designer);
        var xml = DesignerApi.JourneyXml("child-journey");
        var clean = await designer.PostJsonAsync("/api/designer/validate", new { xml }, HttpStatusCode.OK);
        Assert.Equal(0, clean.GetProperty("problems").GetArrayLength());

        var doc = System.Xml.Linq.XDocument.Parse(xml);
        System.Xml.Linq.XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        var outgoing = doc.Descendants(bpmn + "sequenceFlow").Where(f => (string?)f.Attribute("sourceRef") == "Gateway_Decision" && f.Element(bpmn + "conditionExpression") is not null).ToList();
        Assert.Equal(3, outgoing.Count);
        outgoing.ForEach(f => f.Element(bpmn + "conditionExpression")!.Remove());
        var broken = await designer.PostJsonAsync("/api/designer/validate", new { xml = doc.ToString() }, HttpStatusCode.OK);
        var problems = broken.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(outgoing.Select(f => (string?)f.Attribute("id")).Order(), problems.Where(p => p.GetProperty("code").GetString() == "missing-condition").Select(p => p.GetProperty("elementId").GetString()).Order());
        Assert.All(problems, p => Assert.Equal("error", p.GetProperty("severity").GetString()));

        // A form nobody deployed is an error; a handler this service lacks, a warning.
        var unknown = xml.Replace("orc:formKey=\"referral\"", "orc:formKey=\"no-such-form\"", StringComparison.Ordinal)
            .Replace("orc:type=\"case.setPhase\"", "orc:type=\"case.noSuchHandler\"", StringComparison.Ordinal);
        var findings = (await designer.PostJsonAsync("/api/designer/validate", new { xml = unknown }, HttpStatusCode.OK)).GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(findings, p => p.GetProperty("code").GetString() == "unknown-form" && p.GetProperty("elementId").GetString() == "Task_Referral" && p.GetProperty("severity").GetString() == "error");
        Assert.Contains(findings, p => p.GetProperty("code").GetString() == "unknown-handler" && p.GetProperty("severity").GetString() == "warning");

        // …unless the draft edits that form.
        var edited = (await designer.PostJsonAsync("/api/designer/validate", new { xml = unknown, forms = new JsonObject { ["no-such-form"] = new JsonObject() } }, HttpStatusCode.OK))
            .GetProperty("problems").EnumerateArray();
        Assert.DoesNotContain(edited, p => p.GetProperty("code").GetString() == "unknown-form");
    }

    [Fact]
    public async Task The_journeys_scenarios_pass_and_a_changed_deadline_fails_the_day_45_scenario_with_its_step_day_and_elements()
    {
        using var designer = _service.Client(Roles.Designer);
        var scenarios = DesignerApi.JourneyScenarios("child-journey");
        var xml = DesignerApi.JourneyXml("child-journey");
        var results = (await designer.PostJsonAsync("/api/designer/scenarios/run", new { xml, scenarios }, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(scenarios.Count, results.Count);
        Assert.All(results, r => Assert.True(r.GetProperty("passed").GetBoolean(), r.GetProperty("name").GetString() + ": " + r));

        var changed = (await designer.PostJsonAsync("/api/designer/scenarios/run", new { xml = DesignerApi.WithReceptionLimit(xml, "P40D"), scenarios }, HttpStatusCode.OK))
            .EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        var day45 = changed["reception-45-day-escalation"];
        Assert.False(day45.GetProperty("passed").GetBoolean());
        var first = day45.GetProperty("failures")[0];
        Assert.Equal("notCompleted", first.GetProperty("kind").GetString());
        Assert.Contains("Timer_ReceptionLimit45", first.GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(11, first.GetProperty("step").GetInt32());

        // Day 40 of the reception (which began two hours after the start): the step's virtual time, in minutes.
        Assert.Equal((40 * 24 + 2) * 60, first.GetProperty("elapsedMinutes").GetInt64());
        Assert.StartsWith("step 11: expected not completed", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(day45.GetProperty("trace").EnumerateArray(), t => t.GetProperty("element").GetString() == "Timer_ReceptionLimit45");
        Assert.True(changed["referral-on-time"].GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_draft_saved_from_an_older_copy_is_refused_with_409_and_the_current_revision()
    {
        using var first = _service.Client(Roles.Designer);
        using var second = _service.Client(Roles.Admin);
        var xml = DesignerApi.JourneyXml("child-journey").Replace("id=\"child-journey\"", "id=\"api-drafted\"", StringComparison.Ordinal);
        var created = await first.PutJsonAsync("/api/designer/drafts/api-drafted", new { xml, revision = 0 }, HttpStatusCode.OK);
        Assert.Equal(1, created.GetProperty("revision").GetInt32());

        // Both load revision 1; the first saves (2); the second's save of its copy of 1 is refused and changes nothing.
        var saved = await first.PutJsonAsync("/api/designer/drafts/api-drafted", new { xml = xml + "\n", revision = 1 }, HttpStatusCode.OK);
        Assert.Equal(2, saved.GetProperty("revision").GetInt32());
        var conflict = await second.PutJsonAsync("/api/designer/drafts/api-drafted", new { xml = xml.Replace("Journey of a child", "Lost change", StringComparison.Ordinal), revision = 1 }, HttpStatusCode.Conflict);
        Assert.Equal(2, conflict.GetProperty("current").GetProperty("revision").GetInt32());
        Assert.Equal("designer-bot", conflict.GetProperty("current").GetProperty("updatedBy").GetString());
        Assert.Contains("Reload", conflict.Detail(), StringComparison.Ordinal);
        var draft = await second.GetJsonAsync("/api/designer/drafts/api-drafted");
        Assert.Equal(xml + "\n", draft.GetProperty("xml").GetString());

        // Reloaded, the second saves; creating it again (revision 0) is a conflict too; discarding an old copy as well.
        await second.PutJsonAsync("/api/designer/drafts/api-drafted", new { xml, revision = 2 }, HttpStatusCode.OK);
        await first.PutJsonAsync("/api/designer/drafts/api-drafted", new { xml, revision = 0 }, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await first.DeleteAsync("/api/designer/drafts/api-drafted?revision=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync("/api/designer/drafts/api-drafted?revision=3")).StatusCode);
        await first.GetJsonAsync("/api/designer/drafts/api-drafted", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("external-entity")]
    [InlineData("entity-bomb")]
    [InlineData("not-bpmn")]
    public async Task A_hostile_or_broken_file_is_refused_with_the_reason_and_no_draft_is_saved(string kind)
    {
        var xml = kind switch
        {
            "external-entity" => """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="api-xxe" isExecutable="true"><bpmn:documentation>&x;</bpmn:documentation></bpmn:process></bpmn:definitions>""",
            "entity-bomb" => """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="api-bomb" isExecutable="true"><bpmn:documentation>&c;</bpmn:documentation></bpmn:process></bpmn:definitions>""",
            _ => """<html><body>not a diagram</body></html>""",
        };
        using var designer = _service.Client(Roles.Designer);
        var response = await designer.PostAsync("/api/designer/drafts/import?name=" + kind + ".bpmn", new StringContent(xml, Encoding.UTF8, "application/xml"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(kind + ".bpmn cannot be opened", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains(kind == "not-bpmn" ? "BPMN" : "DTD", problem.Detail(), StringComparison.Ordinal);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
        var drafts = await designer.GetJsonAsync("/api/designer/drafts");
        Assert.DoesNotContain(drafts.EnumerateArray(), d => d.GetProperty("processId").GetString() is "api-xxe" or "api-bomb");

        // The same through a draft save: refused, nothing stored.
        await designer.PutJsonAsync("/api/designer/drafts/api-hostile", new { xml, revision = 0 }, HttpStatusCode.UnprocessableEntity);
        await designer.GetJsonAsync("/api/designer/drafts/api-hostile", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_413_and_no_draft_is_saved()
    {
        using var designer = _service.Client(Roles.Designer);
        var xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"api-huge\"><bpmn:documentation>"
            + new string('x', ApiFactory.MaxBodyBytes) + "</bpmn:documentation></bpmn:process></bpmn:definitions>";
        var response = await designer.PostAsync("/api/designer/drafts/import?name=huge.bpmn", new StringContent(xml, Encoding.UTF8, "application/xml"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("the limit is", problem.Detail(), StringComparison.Ordinal);
        await designer.GetJsonAsync("/api/designer/drafts/api-huge", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_caseworker_gets_403_and_a_designer_lists_the_handlers_with_their_inputs_in_both_languages()
    {
        using var caseworker = _service.Client(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync("/api/designer/processes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsync("/api/designer/deploy", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        using var designer = _service.Client(Roles.Designer);
        var handlers = (await designer.GetJsonAsync("/api/designer/handlers")).EnumerateArray().ToDictionary(h => h.GetProperty("type").GetString()!);
        var placement = handlers["case.assignPlacement"];
        Assert.True(placement.GetProperty("registered").GetBoolean());
        Assert.Contains("FACILITY_FULL", placement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        var input = placement.GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("name").GetString() == "placementType");
        Assert.True(input.GetProperty("required").GetBoolean());
        var spanish = input.GetProperty("description").GetString();
        Assert.False(string.IsNullOrWhiteSpace(spanish));
        var english = (await designer.GetJsonAsync("/api/designer/handlers?lang=en")).EnumerateArray().First(h => h.GetProperty("type").GetString() == "case.assignPlacement")
            .GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("name").GetString() == "placementType").GetProperty("description").GetString();
        Assert.NotEqual(spanish, english);
        Assert.True(handlers["letter"].GetProperty("registered").GetBoolean());

        var forms = (await designer.GetJsonAsync("/api/designer/forms")).EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToList();
        Assert.Contains("referral", forms);
        Assert.Equal(Directory.GetFiles(Path.Combine(_service.WorkflowsDirectory, "forms"), "*.form").Length, forms.Count);
    }
}
