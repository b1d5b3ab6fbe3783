using System.Net;
using System.Text;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

public sealed class IdempotencyApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Start(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/ApiIntake/instances") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> CountInstancesAsync(string businessKey)
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var tasks = await (await coordinator.GetAsync("/api/tasks")).AssertJsonAsync(HttpStatusCode.OK);
        var ids = new HashSet<string>();
        foreach (var task in tasks.EnumerateArray())
        {
            var instance = await (await coordinator.GetAsync($"/api/instances/{task.GetProperty("instanceId").GetString()}")).AssertJsonAsync(HttpStatusCode.OK);
            if (instance.GetProperty("businessKey").GetString() == businessKey)
            {
                ids.Add(instance.GetProperty("id").GetString()!);
            }
        }

        return ids.Count;
    }

    [Fact]
    public async Task A_repeated_start_with_the_same_key_replays_the_answer_and_starts_once()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        const string body = """{"businessKey":"IDEM-1"}""";

        using var first = Start("key-1", body);
        var firstResponse = await client.SendAsync(first);
        var created = await firstResponse.AssertJsonAsync(HttpStatusCode.Created);

        using var second = Start("key-1", body);
        var secondResponse = await client.SendAsync(second);
        var replayed = await secondResponse.AssertJsonAsync(HttpStatusCode.Created);

        Assert.Equal(created.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.Equal(firstResponse.Headers.Location, secondResponse.Headers.Location);
        Assert.True(secondResponse.Headers.TryGetValues("Idempotency-Replayed", out var values) && values.Single() == "true");
        Assert.Equal(1, await CountInstancesAsync("IDEM-1"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        using var first = Start("key-2", """{"businessKey":"IDEM-2"}""");
        await (await client.SendAsync(first)).AssertJsonAsync(HttpStatusCode.Created);

        using var other = Start("key-2", """{"businessKey":"IDEM-2b"}""");
        var problem = await (await client.SendAsync(other)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await CountInstancesAsync("IDEM-2b"));
    }

    [Fact]
    public async Task Keys_belong_to_their_actor()
    {
        using var worker = factory.ClientAs(Roles.SocialWorker);
        using var lawyer = factory.ClientAs(Roles.Lawyer);
        const string body = """{"businessKey":"IDEM-3"}""";

        using var a = Start("key-3", body);
        using var b = Start("key-3", body);
        var first = await (await worker.SendAsync(a)).AssertJsonAsync(HttpStatusCode.Created);
        var second = await (await lawyer.SendAsync(b)).AssertJsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failed_request_stores_nothing_so_the_key_can_be_retried()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/NotYetDeployed/instances") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "key-4");
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
        request.Dispose();

        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/processes/NotYetDeployed/instances") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        retry.Headers.Add("Idempotency-Key", "key-4");
        var again = await client.SendAsync(retry);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.False(again.Headers.Contains("Idempotency-Replayed"));
    }

    [Fact]
    public async Task Completing_with_the_same_key_twice_completes_once_and_replays_204()
    {
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        using var start = Start("key-5", """{"businessKey":"IDEM-5"}""");
        var id = (await (await coordinator.SendAsync(start)).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var task = (await (await coordinator.GetAsync($"/api/tasks?instanceId={id}")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();

        for (var i = 0; i < 2; i++)
        {
            using var complete = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/complete") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            complete.Headers.Add("Idempotency-Key", "complete-5");
            Assert.Equal(HttpStatusCode.NoContent, (await coordinator.SendAsync(complete)).StatusCode);
        }
    }
}
