using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Web;

namespace Orchestrator.Tests.Api;

/// <summary>
/// The task API the staff workspace stands on, over HTTP: one task and its form, handing a task to a colleague, the
/// conflicts named by person, malformed JSON without internal type names, the inbox's filters, orders, views and
/// counts, drafts sealed at rest, saved views, and the pages' anti-forgery and no-store.
/// </summary>
public sealed class TaskWorkspaceApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(string InstanceId, string TaskId)> StartAsync(string process, string caseRef)
    {
        using var client = factory.ClientAs(Roles.Coordinator);
        var started = await (await client.PostAsync($"/api/processes/{process}/instances", Json($$"""{"variables":{"caseRef":"{{caseRef}}","age":14},"businessKey":"{{caseRef}}"}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var tasks = await (await client.GetAsync($"/api/tasks?instanceId={Uri.EscapeDataString(id)}")).AssertJsonAsync(HttpStatusCode.OK);
        return (id, Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetString()!);
    }

    /// <summary>A signed-in person's client and anti-forgery token.</summary>
    private async Task<(HttpClient Client, string Token, string Id)> PersonAsync(string userName, string displayName, params string[] roles)
    {
        var id = await StaffJourney.PersonAsync(factory, userName, displayName, roles);
        var client = factory.Anonymous();
        var token = await ApiFactory.SignInAsync(client, userName, WorkspaceFactory.Password);
        return (client, token, id);
    }

    private static HttpRequestMessage Post(string path, string token, object? body = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, token);
        return request;
    }

    [Fact]
    public async Task One_task_reads_with_its_holder_named_and_what_the_caller_may_do_and_a_stranger_gets_403()
    {
        var (instanceId, taskId) = await StartAsync("ApiReviewed", "W-1");
        var (pia, piaToken, piaId) = await PersonAsync("pia", "Pía Psicóloga", Roles.Psychologist);
        using (pia)
        {
            var open = await (await pia.GetAsync($"/api/tasks/{taskId}")).AssertJsonAsync(HttpStatusCode.OK);
            Assert.Equal("open", open.GetProperty("status").GetString());
            Assert.True(open.GetProperty("mayClaim").GetBoolean());
            Assert.True(open.GetProperty("mayComplete").GetBoolean());
            Assert.False(open.GetProperty("mayAssign").GetBoolean());
            Assert.Equal(instanceId, open.GetProperty("task").GetProperty("instanceId").GetString());
            Assert.Equal(1, open.GetProperty("processVersion").GetInt32());

            using (var claim = Post($"/api/tasks/{taskId}/claim", piaToken))
            {
                await (await pia.SendAsync(claim)).AssertJsonAsync(HttpStatusCode.OK);
            }
        }

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var held = await (await coordinator.GetAsync($"/api/tasks/{taskId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(piaId, held.GetProperty("task").GetProperty("assignee").GetString());
        Assert.Equal("Pía Psicóloga", held.GetProperty("task").GetProperty("assigneeName").GetString());
        Assert.True(held.GetProperty("mayAssign").GetBoolean());

        using var lawyer = factory.ClientAs(Roles.Lawyer);
        await (await lawyer.GetAsync($"/api/tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lawyer.GetAsync($"/api/tasks/{taskId}/form")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lawyer.GetAsync("/api/tasks/no-such-task")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_form_comes_with_the_task_variables_and_its_read_is_audited()
    {
        var (instanceId, taskId) = await StartAsync("ApiReviewed", "W-2");
        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var form = await (await psychologist.GetAsync($"/api/tasks/{taskId}/form")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("review", form.GetProperty("formKey").GetString());
        Assert.Equal("review", form.GetProperty("schema").GetProperty("id").GetString());
        Assert.Equal(2, form.GetProperty("schema").GetProperty("components").GetArrayLength());
        Assert.Equal(14, form.GetProperty("variables").GetProperty("age").GetInt32());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.True(await db.History.AnyAsync(h => h.InstanceId == instanceId && h.Type == "TaskFormRead" && h.ItemId == taskId && h.UserId == "apikey:psychologist-bot"));

        // A task without a form answers a null schema.
        var (_, plain) = await StartAsync("ApiIntake", "W-2b");
        using var worker = factory.ClientAs(Roles.SocialWorker);
        var none = await (await worker.GetAsync($"/api/tasks/{plain}/form")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("schema").ValueKind);
    }

    [Fact]
    public async Task Completing_a_task_someone_else_completed_answers_409_naming_the_person_not_their_id()
    {
        var (_, taskId) = await StartAsync("ApiReviewed", "W-3");
        var (pia, piaToken, piaId) = await PersonAsync("pia3", "Pía Ramírez", Roles.Psychologist);
        using (pia)
        using (var complete = Post($"/api/tasks/{taskId}/complete", piaToken, new { variables = new { age = 14, decision = "accept" } }))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await pia.SendAsync(complete)).StatusCode);
        }

        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var problem = await (await psychologist.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables":{"age":15,"decision":"refer"}}""")))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("completed by Pía Ramírez", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain(piaId, problem.Detail(), StringComparison.Ordinal);

        var ended = await (await psychologist.GetAsync($"/api/tasks/{taskId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        Assert.Equal("Pía Ramírez", ended.GetProperty("endedByName").GetString());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("""{"variables": 5}""")]
    [InlineData("""{"variables": {"age": }""")]
    public async Task Malformed_JSON_answers_400_without_naming_an_internal_type(string body)
    {
        var (_, taskId) = await StartAsync("ApiReviewed", "W-4-" + body.Length);
        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var problem = await (await psychologist.PostAsync($"/api/tasks/{taskId}/complete", Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.Detail();
        Assert.Contains("JSON", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Orchestrator.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("CompleteTaskRequest", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_hands_a_task_to_a_named_colleague_and_the_reason_is_kept_in_the_history()
    {
        var (instanceId, taskId) = await StartAsync("ApiIntake", "W-5");
        var colleague = await StaffJourney.PersonAsync(factory, "sam", "Samuel Ortiz", Roles.SocialWorker);

        using var worker = factory.ClientAs(Roles.SocialWorker);
        await (await worker.PostAsync($"/api/tasks/{taskId}/assign", Json($$"""{"assignee":"{{colleague}}","reason":"covers"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var noReason = await (await coordinator.PostAsync($"/api/tasks/{taskId}/assign", Json($$"""{"assignee":"{{colleague}}"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("reason:", noReason.Detail(), StringComparison.Ordinal);
        var nobody = await (await coordinator.PostAsync($"/api/tasks/{taskId}/assign", Json("""{"assignee":"no-such-person","reason":"covers"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("assignee:", nobody.Detail(), StringComparison.Ordinal);

        var assigned = await (await coordinator.PostAsync($"/api/tasks/{taskId}/assign", Json($$"""{"assignee":"{{colleague}}","reason":"Knows the family from an earlier case"}""")))
            .AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(colleague, assigned.GetProperty("assignee").GetString());
        Assert.Equal("Samuel Ortiz", assigned.GetProperty("assigneeName").GetString());

        var history = await (await coordinator.GetAsync($"/api/instances/{instanceId}/history")).AssertJsonAsync(HttpStatusCode.OK);
        var entry = Assert.Single(history.EnumerateArray(), h => h.GetProperty("type").GetString() == "TaskReassigned");
        Assert.Equal("Knows the family from an earlier case", entry.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Equal("apikey:coordinator-bot", entry.GetProperty("userId").GetString());
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("type").GetString() == "TaskAssigned");
    }

    [Fact]
    public async Task The_list_filters_by_journey_case_and_group_sorts_pages_and_its_counts_agree()
    {
        var (mixed, token, mixedId) = await PersonAsync("mia", "Mía Mixta", Roles.SocialWorker, Roles.Psychologist);
        using var _ = mixed;
        var intake = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            intake.Add((await StartAsync("ApiIntake", $"W-6-I{i}")).TaskId);
        }

        var reviewed = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            reviewed.Add((await StartAsync("ApiReviewed", $"W-6-R{i}")).TaskId);
        }

        async Task<List<string>> ListAsync(string query)
        {
            var page = await (await mixed.GetAsync("/api/tasks?" + query)).AssertJsonAsync(HttpStatusCode.OK);
            return [.. page.EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];
        }

        var mine = intake.Concat(reviewed).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(reviewed.Order(StringComparer.Ordinal), (await ListAsync("processId=ApiReviewed")).Where(mine.Contains).Order(StringComparer.Ordinal));
        Assert.Equal([intake[1]], await ListAsync("businessKey=W-6-I1"));
        Assert.Equal(reviewed.Order(StringComparer.Ordinal), (await ListAsync("candidateGroup=psychologist")).Where(mine.Contains).Order(StringComparer.Ordinal));

        // By creation: oldest first, and a page of one at a time walks every task once.
        var created = (await ListAsync("sort=created&limit=1000")).Where(mine.Contains).ToList();
        Assert.Equal(intake.Concat(reviewed), created);
        var walked = new List<string>();
        var next = "/api/tasks?sort=created&limit=2";
        while (next is not null)
        {
            var response = await mixed.GetAsync(next);
            walked.AddRange((await response.AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }

        Assert.Equal(walked.Count, walked.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(created, walked.Where(mine.Contains));

        // By name: "Decide…" before "Review…".
        var byName = (await ListAsync("sort=name")).Where(mine.Contains).ToList();
        Assert.Equal(reviewed.Concat(intake).ToHashSet(StringComparer.Ordinal), byName.ToHashSet(StringComparer.Ordinal));
        Assert.True(byName.IndexOf(reviewed[0]) < byName.IndexOf(intake[0]));

        // Claim one: it moves from "my groups" to "assigned to me"; the counts say the same as the lists.
        using (var claim = Post($"/api/tasks/{intake[0]}/claim", token))
        {
            await (await mixed.SendAsync(claim)).AssertJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal([intake[0]], await ListAsync("view=assigned-to-me"));
        Assert.DoesNotContain(intake[0], await ListAsync("view=my-groups"));
        var counts = await (await mixed.GetAsync("/api/tasks/counts")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal((await ListAsync("limit=1000")).Count, counts.GetProperty("all").GetInt32());
        Assert.Equal(1, counts.GetProperty("assignedToMe").GetInt32());
        Assert.Equal((await ListAsync("view=my-groups&limit=1000")).Count, counts.GetProperty("myGroups").GetInt32());
        Assert.Equal(0, counts.GetProperty("overdue").GetInt32()); // these journeys set no due date
        var filtered = await (await mixed.GetAsync("/api/tasks/counts?processId=ApiReviewed&businessKey=W-6-R0")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, filtered.GetProperty("all").GetInt32());
        Assert.Equal(1, filtered.GetProperty("myGroups").GetInt32());
        Assert.Equal(mixedId, (await (await mixed.GetAsync($"/api/tasks/{intake[0]}")).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("task").GetProperty("assignee").GetString());

        var bad = await (await mixed.GetAsync("/api/tasks?view=someday")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("due-this-week", bad.Detail(), StringComparison.Ordinal);
        await (await mixed.GetAsync("/api/tasks?sort=priority")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await mixed.GetAsync("/api/tasks?sort=name&after=" + Uri.EscapeDataString("not-a-cursor"))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_draft_is_kept_per_person_sealed_at_rest_and_deleted_when_the_task_changes_hands_or_ends()
    {
        var (_, taskId) = await StartAsync("ApiReviewed", "W-7");
        var (ana, anaToken, anaId) = await PersonAsync("ana7", "Ana Díaz", Roles.Psychologist);
        var (beto, betoToken, _) = await PersonAsync("beto7", "Beto Ruiz", Roles.Psychologist);
        using var a = ana;
        using var b = beto;

        using (var put = Post($"/api/tasks/{taskId}/draft", anaToken, new { data = new { age = 16, decision = "refer-to-the-uncle" } }, HttpMethod.Put))
        {
            var saved = await (await a.SendAsync(put)).AssertJsonAsync(HttpStatusCode.OK);
            Assert.Equal(taskId, saved.GetProperty("taskId").GetString());
        }

        var draft = await (await a.GetAsync($"/api/tasks/{taskId}/draft")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("refer-to-the-uncle", draft.GetProperty("data").GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await b.GetAsync($"/api/tasks/{taskId}/draft")).StatusCode); // drafts are per person

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().TaskDrafts.AsNoTracking().SingleAsync(d => d.TaskId == taskId);
            Assert.Equal(anaId, row.UserId);
            Assert.DoesNotContain("uncle", row.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("decision", row.Content, StringComparison.Ordinal);
        }

        // Beto claims it: Ana's draft goes (the task is his now), and Ana may no longer keep one.
        using (var claim = Post($"/api/tasks/{taskId}/claim", betoToken))
        {
            await (await b.SendAsync(claim)).AssertJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await a.GetAsync($"/api/tasks/{taskId}/draft")).StatusCode);
        using (var put = Post($"/api/tasks/{taskId}/draft", anaToken, new { data = new { age = 16 } }, HttpMethod.Put))
        {
            var refused = await (await a.SendAsync(put)).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Beto Ruiz", refused.Detail(), StringComparison.Ordinal);
        }

        using (var put = Post($"/api/tasks/{taskId}/draft", betoToken, new { data = new { age = 17 } }, HttpMethod.Put))
        {
            await (await b.SendAsync(put)).AssertJsonAsync(HttpStatusCode.OK);
        }

        using (var complete = Post($"/api/tasks/{taskId}/complete", betoToken, new { variables = new { age = 17, decision = "accept" } }))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await b.SendAsync(complete)).StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().TaskDrafts.AnyAsync(d => d.TaskId == taskId));
        }

        using (var put = Post($"/api/tasks/{taskId}/draft", betoToken, new { data = new { age = 17 } }, HttpMethod.Put))
        {
            await (await b.SendAsync(put)).AssertProblemAsync(HttpStatusCode.Conflict);
        }

        using (var empty = Post($"/api/tasks/{taskId}/draft", betoToken, new { }, HttpMethod.Put))
        {
            await (await b.SendAsync(empty)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Saved_views_are_shared_with_a_group_counted_and_changed_only_by_their_owner()
    {
        var (owner, ownerToken, _) = await PersonAsync("olga8", "Olga Núñez", Roles.SocialWorker);
        var (member, memberToken, _) = await PersonAsync("marco8", "Marco Paz", Roles.SocialWorker);
        var (stranger, _, _) = await PersonAsync("lena8", "Lena Ríos", Roles.Lawyer);
        using var o = owner;
        using var m = member;
        using var s = stranger;
        await StartAsync("ApiIntake", "W-8");

        string id;
        using (var create = Post("/api/task-views", ownerToken, new { name = "Ingresos", filters = new { view = "my-groups", journey = "ApiIntake" }, sharedWithGroup = "social-worker" }))
        {
            var view = await (await o.SendAsync(create)).AssertJsonAsync(HttpStatusCode.Created);
            id = view.GetProperty("id").GetString()!;
            Assert.True(view.GetProperty("isOwn").GetBoolean());
            Assert.Equal("my-groups", view.GetProperty("filters").GetProperty("view").GetString());
        }

        var seen = await (await m.GetAsync("/api/task-views?counts=true")).AssertJsonAsync(HttpStatusCode.OK);
        var shared = Assert.Single(seen.EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        Assert.False(shared.GetProperty("isOwn").GetBoolean());
        Assert.Equal("Olga Núñez", shared.GetProperty("ownerName").GetString());
        Assert.True(shared.GetProperty("count").GetInt32() >= 1);
        Assert.DoesNotContain((await (await s.GetAsync("/api/task-views")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray(), v => v.GetProperty("id").GetString() == id);

        using (var change = Post($"/api/task-views/{id}", memberToken, new { name = "Mine now" }, HttpMethod.Put))
        {
            await (await m.SendAsync(change)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var delete = Post($"/api/task-views/{id}", memberToken, null, HttpMethod.Delete))
        {
            await (await m.SendAsync(delete)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var badGroup = Post("/api/task-views", ownerToken, new { name = "Legal", sharedWithGroup = "lawyer" }))
        {
            var problem = await (await o.SendAsync(badGroup)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.StartsWith("sharedWithGroup:", problem.Detail(), StringComparison.Ordinal);
        }

        using (var badView = Post("/api/task-views", ownerToken, new { name = "Soon", filters = new { view = "someday" } }))
        {
            await (await o.SendAsync(badView)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var rename = Post($"/api/task-views/{id}", ownerToken, new { name = "Ingresos de la semana", filters = new { view = "due-this-week" }, sharedWithGroup = "social-worker" }, HttpMethod.Put))
        {
            Assert.Equal("Ingresos de la semana", (await (await o.SendAsync(rename)).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        }

        using (var delete = Post($"/api/task-views/{id}", ownerToken, null, HttpMethod.Delete))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await o.SendAsync(delete)).StatusCode);
        }
    }

    [Fact]
    public async Task The_task_page_is_not_stored_and_a_form_post_without_the_anti_forgery_field_is_refused()
    {
        var (_, taskId) = await StartAsync("ApiReviewed", "W-9");
        var (pia, _, _) = await PersonAsync("pia9", "Pía Vega", Roles.Psychologist);
        using var client = pia;
        using (var page = new HttpRequestMessage(HttpMethod.Get, $"/tasks/{Uri.EscapeDataString(taskId)}"))
        {
            page.Headers.Accept.ParseAdd("text/html");
            var response = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, "the task page must not be stored: " + response.Headers.CacheControl);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Decide on the referral", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        }

        using (var post = new HttpRequestMessage(HttpMethod.Post, $"/tasks/{Uri.EscapeDataString(taskId)}?handler=Complete")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["data"] = """{"age":14,"decision":"accept"}""" }),
        })
        {
            post.Headers.Accept.ParseAdd("text/html");
            var refused = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var task = await (await psychologist.GetAsync($"/api/tasks/{taskId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("open", task.GetProperty("status").GetString());
    }
}
