using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

public sealed class TaskApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(string InstanceId, string TaskId)> StartAsync(string caseRef)
    {
        using var client = factory.ClientAs(Roles.Coordinator);
        var started = await (await client.PostAsync("/api/processes/ApiIntake/instances", Json($$"""{"variables":{"caseRef":"{{caseRef}}"},"businessKey":"{{caseRef}}"}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var tasks = await (await client.GetAsync($"/api/tasks?instanceId={Uri.EscapeDataString(id)}")).AssertJsonAsync(HttpStatusCode.OK);
        return (id, Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_inbox_lists_a_groups_tasks_only_to_that_group()
    {
        var (instanceId, taskId) = await StartAsync("T-1");

        using var worker = factory.ClientAs(Roles.SocialWorker);
        var mine = await (await worker.GetAsync("/api/tasks?candidateGroup=social-worker")).AssertJsonAsync(HttpStatusCode.OK);
        var task = Assert.Single(mine.EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
        Assert.Equal("Task_Review", task.GetProperty("elementId").GetString());
        Assert.Equal("Review the referral", task.GetProperty("name").GetString());
        Assert.Equal(instanceId, task.GetProperty("instanceId").GetString());
        Assert.Equal(["social-worker"], task.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(JsonValueKind.Null, task.GetProperty("assignee").ValueKind);
        Assert.True(task.TryGetProperty("due", out _));
        Assert.True(task.TryGetProperty("formKey", out _));

        using var lawyer = factory.ClientAs(Roles.Lawyer);
        var theirs = await (await lawyer.GetAsync("/api/tasks")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(theirs.EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
    }

    [Fact]
    public async Task A_task_that_is_not_yours_answers_403_and_changes_nothing()
    {
        var (_, taskId) = await StartAsync("T-2");

        using var lawyer = factory.ClientAs(Roles.Lawyer);
        await (await lawyer.PostAsync($"/api/tasks/{taskId}/claim", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lawyer.PostAsync($"/api/tasks/{taskId}/complete", Json("{}"))).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var worker = factory.ClientAs(Roles.SocialWorker);
        var tasks = await (await worker.GetAsync("/api/tasks")).AssertJsonAsync(HttpStatusCode.OK);
        var task = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("id").GetString() == taskId);
        Assert.Equal(JsonValueKind.Null, task.GetProperty("assignee").ValueKind);
    }

    [Fact]
    public async Task Claim_unclaim_complete_and_completing_twice_answers_409()
    {
        var (instanceId, taskId) = await StartAsync("T-3");
        using var worker = factory.ClientAs(Roles.SocialWorker);

        var claimed = await (await worker.PostAsync($"/api/tasks/{taskId}/claim", null)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("apikey:social-worker-bot", claimed.GetProperty("assignee").GetString());
        var unclaimed = await (await worker.PostAsync($"/api/tasks/{taskId}/unclaim", null)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unclaimed.GetProperty("assignee").ValueKind);

        var completed = await worker.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables":{"reviewed":true}}"""));
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);

        var again = await worker.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables":{"reviewed":true}}"""));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var instance = await (await coordinator.GetAsync($"/api/instances/{instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Catch_Documents"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.True(instance.GetProperty("variables").GetProperty("reviewed").GetBoolean());
    }

    [Fact]
    public async Task Data_that_breaks_the_form_answers_422_naming_the_fields_and_changes_nothing()
    {
        using var psychologist = factory.ClientAs(Roles.Psychologist);
        var id = (await (await psychologist.PostAsync("/api/processes/ApiReviewed/instances", Json("{}"))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var task = (await (await psychologist.GetAsync($"/api/tasks?instanceId={id}")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal("review", task.GetProperty("formKey").GetString());
        var taskId = task.GetProperty("id").GetString();

        var problem = await (await psychologist.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables":{"age":25,"decision":"maybe"}}""")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "age" && e.GetProperty("message").GetString()!.Length > 0);
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "decision");

        var instance = await (await psychologist.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Task_Decide"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.False(instance.GetProperty("variables").TryGetProperty("age", out _));

        var done = await psychologist.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables":{"age":15,"decision":"accept"}}"""));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
    }

    [Fact]
    public async Task Malformed_JSON_on_complete_answers_400_and_an_unknown_task_404()
    {
        var (_, taskId) = await StartAsync("T-4");
        using var worker = factory.ClientAs(Roles.SocialWorker);

        var problem = await (await worker.PostAsync($"/api/tasks/{taskId}/complete", Json("""{"variables": {"x": }"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Detail(), StringComparison.Ordinal);

        await (await worker.PostAsync("/api/tasks/no-such-task/complete", Json("{}"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await worker.PostAsync("/api/tasks/no-such-task/claim", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_message_correlates_to_the_waiting_instance_and_404_when_nothing_waits()
    {
        var (instanceId, taskId) = await StartAsync("T-5");
        using var worker = factory.ClientAs(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsync($"/api/tasks/{taskId}/complete", Json("{}"))).StatusCode);

        var correlated = await (await worker.PostAsync("/api/messages", Json("""{"name":"documentsArrived","correlationKey":"T-5","variables":{"documents":2}}""")))
            .AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal([instanceId], correlated.GetProperty("correlated").EnumerateArray().Select(e => e.GetString()));

        var instance = await (await worker.GetAsync($"/api/instances/{instanceId}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("completed", instance.GetProperty("status").GetString());

        var nobody = await (await worker.PostAsync("/api/messages", Json("""{"name":"documentsArrived","correlationKey":"T-5"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("documentsArrived", nobody.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_name_answers_400()
    {
        using var worker = factory.ClientAs(Roles.SocialWorker);
        await (await worker.PostAsync("/api/messages", Json("""{"correlationKey":"x"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await worker.PostAsync("/api/messages", Json("""{"name": 5}"""))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Incidents_are_for_coordinators_and_admins()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var list = await (await coordinator.GetAsync("/api/incidents")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        await (await coordinator.PostAsync("/api/incidents/no-such-incident/retry", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        using var worker = factory.ClientAs(Roles.SocialWorker);
        await (await worker.GetAsync("/api/incidents")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await worker.PostAsync("/api/incidents/no-such-incident/retry", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Follows rel="next" from <paramref name="url"/> to the end: the pages' task ids in order.</summary>
    private static async Task<List<List<string>>> PagesAsync(HttpClient client, string url)
    {
        var pages = new List<List<string>>();
        for (string? next = url; next is not null;)
        {
            var response = await client.GetAsync(next);
            var page = await response.AssertJsonAsync(HttpStatusCode.OK);
            pages.Add([.. page.EnumerateArray().Select(t => t.GetProperty("id").GetString()!)]);
            next = NextLink(response);
            Assert.True(pages.Count < 100, "The pages do not end.");
        }

        return pages;
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Assert.Single(values);
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_task_list_pages_with_a_next_link_and_a_page_boundary_neither_skips_nor_repeats()
    {
        for (var i = 0; i < 7; i++)
        {
            await StartAsync("P-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // A person (their groups' inbox) and a coordinator (every open task): pages of 2 are the whole list, in order.
        foreach (var role in new[] { Roles.SocialWorker, Roles.Coordinator })
        {
            using var client = factory.ClientAs(role);
            var all = await (await client.GetAsync("/api/tasks?limit=1000")).AssertJsonAsync(HttpStatusCode.OK);
            var ids = all.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
            Assert.True(ids.Count >= 7, $"{role} sees {ids.Count} tasks");
            var pages = await PagesAsync(client, "/api/tasks?limit=2");
            Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.Count));
            Assert.Equal(ids, pages.SelectMany(p => p));
            Assert.Equal((ids.Count + 1) / 2, pages.Count);
        }

        // Tasks that end or appear between two pages move nothing: the next page starts right after the last task seen.
        using var worker = factory.ClientAs(Roles.SocialWorker);
        var before = (await (await worker.GetAsync("/api/tasks?limit=1000")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()!).ToList();
        var first = await worker.GetAsync("/api/tasks?limit=3");
        var firstIds = (await first.AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.Equal(before.Take(3), firstIds);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsync($"/api/tasks/{firstIds[0]}/complete", Json("{}"))).StatusCode);
        await StartAsync("P-late");
        var rest = await PagesAsync(worker, NextLink(first)!);
        var after = rest.SelectMany(p => p).ToList();
        Assert.Equal(before.Skip(3), after.Where(before.Contains));
        Assert.Empty(after.Intersect(firstIds));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("limit=5&after=dDF8MXwyfDM", "after")]
    public async Task A_bad_limit_or_cursor_answers_400_naming_the_parameter(string query, string parameter)
    {
        using var worker = factory.ClientAs(Roles.SocialWorker);
        var problem = await (await worker.GetAsync("/api/tasks?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.Detail(), StringComparison.Ordinal);
    }
}

/// <summary>The default page size, on a database of its own (101 open tasks would push other tests' tasks off page one).</summary>
public sealed class TaskPageDefaultTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_a_limit_a_page_has_100_tasks_and_a_next_link()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        for (var i = 0; i < 101; i++)
        {
            using var body = new StringContent($$"""{"variables":{"caseRef":"D-{{i}}"},"businessKey":"D-{{i}}"}""", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync("/api/processes/ApiIntake/instances", body)).StatusCode);
        }

        var first = await coordinator.GetAsync("/api/tasks");
        Assert.Equal(100, (await first.AssertJsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.True(first.Headers.TryGetValues("Link", out var link));
        var next = Assert.Single(link!);
        Assert.Contains("limit=100", next, StringComparison.Ordinal);
        var second = await coordinator.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        Assert.Equal(1, (await second.AssertJsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.False(second.Headers.Contains("Link"));
    }
}
