using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Web;

namespace Orchestrator.Tests.Cases.CaseFiles;

/// <summary>
/// The case-file API over HTTP with programs' keys, in the real service with the journeys: registration, the list,
/// the search (POST), a case's journeys and its documents; roles, the caseload and bad input answered as the API's
/// other endpoints answer them.
/// </summary>
public sealed class CaseFileApiTests : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private HttpClient Client(string role)
    {
        var client = _service.ClientAs(role);
        client.BaseAddress = new Uri(_service.BaseUrl);
        return client;
    }

    [Fact]
    public async Task A_program_registers_a_child_lists_searches_and_reads_the_journeys()
    {
        using var coordinator = Client(Roles.Coordinator);
        using var worker = Client(Roles.SocialWorker);
        const string child = """{"child":{"givenNames":"Luisa","familyNames":"Núñez","nationality":"Honduras","flags":{"indigenous":true}}}""";
        await (await worker.PostAsync("/api/cases/registrations", Json(child))).AssertProblemAsync(HttpStatusCode.Forbidden);
        var missing = await (await coordinator.PostAsync("/api/cases/registrations", Json("""{"child":{"givenNames":"Sin país"}}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("nationality", missing.Detail(), StringComparison.Ordinal);

        var registered = await (await coordinator.PostAsync("/api/cases/registrations", Json(child))).AssertJsonAsync(HttpStatusCode.Created);
        var reference = registered.GetProperty("reference").GetString()!;
        Assert.Equal("Task_Referral", registered.GetProperty("firstTask").GetProperty("elementId").GetString());
        Assert.Equal(JsonValueKind.Null, registered.GetProperty("journeyProblem").ValueKind);

        var list = await (await coordinator.GetAsync("/api/cases/overview?phase=detection")).AssertJsonAsync(HttpStatusCode.OK);
        var row = Assert.Single(list.GetProperty("cases").EnumerateArray(), c => c.GetProperty("reference").GetString() == reference);
        Assert.Equal("L. N.", row.GetProperty("initials").GetString());
        Assert.False(row.TryGetProperty("givenNames", out _), "the list carries no names");
        await (await coordinator.GetAsync("/api/cases/overview?phase=nowhere")).AssertProblemAsync(HttpStatusCode.BadRequest);

        // The social workers' group has the referral: the case is on their caseload, so they find it.
        var hits = await (await worker.PostAsync("/api/cases/search", Json("""{"text":"luisa nunez"}"""))).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(reference, Assert.Single(hits.EnumerateArray()).GetProperty("reference").GetString());
        await (await worker.PostAsync("/api/cases/search", Json("""{"text":""}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var journeys = await (await worker.GetAsync($"/api/cases/{reference}/journeys")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("child-journey", Assert.Single(journeys.GetProperty("instances").EnumerateArray()).GetProperty("processId").GetString());
        Assert.Contains(journeys.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "journey-started");
        using var lawyer = Client(Roles.Lawyer);
        await (await lawyer.GetAsync($"/api/cases/{reference}/journeys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var designer = Client(Roles.Designer);
        await (await designer.GetAsync("/api/cases/overview")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_case_opened_without_a_journey_gets_one_once()
    {
        using var coordinator = Client(Roles.Coordinator);
        var created = await (await coordinator.PostAsync("/api/cases", Json("""{"givenNames":"Omar","nationality":"El Salvador"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var started = await (await coordinator.PostAsync($"/api/cases/{id}/journey", Json("{}"))).AssertJsonAsync(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(started.GetProperty("instanceId").GetString()));
        await (await coordinator.PostAsync($"/api/cases/{id}/journey", Json("{}"))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await coordinator.PostAsync("/api/cases/no-such-case/journey", Json("{}"))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Documents_are_uploaded_as_multipart_listed_and_downloaded_with_their_type()
    {
        using var coordinator = Client(Roles.Coordinator);
        var registered = await (await coordinator.PostAsync("/api/cases/registrations", Json("""{"child":{"givenNames":"Rosa","nationality":"Guatemala"}}"""))).AssertJsonAsync(HttpStatusCode.Created);
        var reference = registered.GetProperty("reference").GetString()!;
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");

        MultipartFormDataContent Form(byte[] bytes, string name, string category = "consent")
        {
            var form = new MultipartFormDataContent { { new StringContent(category), "category" }, { new StringContent("Consentimiento firmado"), "title" } };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what the browser claims counts for nothing
            form.Add(file, "file", name);
            return form;
        }

        using (var page = Form(Encoding.UTF8.GetBytes("<!doctype html><p>no</p>"), "consentimiento.pdf"))
        {
            var refused = await (await coordinator.PostAsync($"/api/cases/{reference}/documents", page)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.StartsWith("file:", refused.Detail(), StringComparison.Ordinal);
        }

        using (var good = Form(pdf, "consentimiento.pdf"))
        {
            var stored = await (await coordinator.PostAsync($"/api/cases/{reference}/documents", good)).AssertJsonAsync(HttpStatusCode.Created);
            Assert.Equal("application/pdf", stored.GetProperty("mediaType").GetString());
            var id = stored.GetProperty("id").GetString();

            var listed = await (await coordinator.GetAsync($"/api/cases/{reference}/documents")).AssertJsonAsync(HttpStatusCode.OK);
            Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
            var download = await coordinator.GetAsync($"/api/cases/{reference}/documents/{id}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.StartsWith(reference + "-consent-", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        }

        using var psychologist = Client(Roles.Psychologist);
        await (await psychologist.GetAsync($"/api/cases/{reference}/documents")).AssertProblemAsync(HttpStatusCode.Forbidden);
        using (var theirs = Form(pdf, "x.pdf"))
        {
            await (await psychologist.PostAsync($"/api/cases/{reference}/documents", theirs)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    public void Dispose() => _service.Dispose();
}
