using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Xunit.Abstractions;
using static Orchestrator.Tests.EndToEnd.E2eHttp;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The HTTP contract (concurrency and bad input), over real HTTP against the real executable on SQLite and PostgreSQL: concurrent
/// completions, and the bad-input table (status, a problem detail that says what is wrong, nothing changed).
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class HttpContractTests(PostgresServer postgres, E2eServicePool pool, ITestOutputHelper output) : IClassFixture<E2eServicePool>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Concurrent_completions_200_different_tasks_all_take_effect_and_50_on_one_task_only_one(DatabaseProvider provider)
    {
        var service = await pool.GetAsync(provider, postgres);
        using var coordinator = service.Client(Roles.Coordinator);

        // 200 instances, each waiting in Task_A.
        var setup = Stopwatch.StartNew();
        var started = new ConcurrentDictionary<string, string>();
        await ForEachAsync(Enumerable.Range(0, 201), 8, async i =>
        {
            using var client = service.Client(Roles.Coordinator);
            var (status, body, text) = await ReadAsync(await client.PostAsync("/api/processes/E2eSimple/instances", Json($$"""{"businessKey":"CONC-{{provider}}-{{i}}"}""")));
            Assert.True(status == HttpStatusCode.Created, text);
            var id = body.GetProperty("id").GetString()!;
            started[id] = Assert.Single(await TasksOfAsync(client, id)).GetProperty("id").GetString()!;
        });
        var single = started.First();
        var many = started.Where(p => p.Key != single.Key).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(200, many.Count);
        var setupTime = setup.Elapsed;

        // 200 completions of 200 different tasks, all sent at once (one connection each).
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = service.Client(Roles.SocialWorker);
        var burst = many.Select(async pair =>
        {
            await gate.Task;
            return (pair.Key, Answer: await ReadAsync(await worker.PostAsync($"/api/tasks/{pair.Value}/complete", Json($$$"""{"variables":{"done":"{{{pair.Value}}}"}}"""))));
        }).ToList();
        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var answers = await Task.WhenAll(burst);
        var burstTime = clock.Elapsed;
        Assert.All(answers, a => Assert.True(a.Answer.Status == HttpStatusCode.NoContent, $"{a.Key}: {(int)a.Answer.Status} {a.Answer.Text}"));

        // They took effect: every instance waits in Task_B, none in Task_A, each history has one TaskCompleted.
        var inB = (await GetJsonAsync(coordinator, "/api/tasks?candidateGroup=educator&limit=1000")).EnumerateArray()
            .Where(t => t.GetProperty("elementId").GetString() == "Task_B").Select(t => t.GetProperty("instanceId").GetString()!).ToHashSet();
        var inA = (await GetJsonAsync(coordinator, "/api/tasks?candidateGroup=social-worker&limit=1000")).EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToHashSet();
        Assert.All(many, pair =>
        {
            Assert.Contains(pair.Key, inB);
            Assert.DoesNotContain(pair.Value, inA);
        });
        await ForEachAsync(many, 8, async pair =>
        {
            using var client = service.Client(Roles.Coordinator);
            var history = await HistoryOfAsync(client, pair.Key);
            var completed = Assert.Single(history, h => h.GetProperty("type").GetString() == "TaskCompleted");
            Assert.Equal(pair.Value, completed.GetProperty("itemId").GetString());
        });

        // 50 completions of the same task at once: exactly one 204, 49 × 409 saying the task is no longer open.
        var sameGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var same = Enumerable.Range(0, 50).Select(async i =>
        {
            await sameGate.Task;
            return (Index: i, Answer: await ReadAsync(await worker.PostAsync($"/api/tasks/{single.Value}/complete", Json($$$"""{"variables":{"winner":{{{i}}}}}"""))));
        }).ToList();
        clock.Restart();
        sameGate.SetResult();
        var sameAnswers = await Task.WhenAll(same);
        var sameTime = clock.Elapsed;
        var statuses = string.Join(", ", sameAnswers.GroupBy(a => a.Answer.Status).Select(g => $"{(int)g.Key} × {g.Count()}"));
        var winner = Assert.Single(sameAnswers, a => a.Answer.Status == HttpStatusCode.NoContent);
        var losers = sameAnswers.Where(a => a.Index != winner.Index).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, a =>
        {
            Assert.True(a.Answer.Status == HttpStatusCode.Conflict, $"{(int)a.Answer.Status} {a.Answer.Text}");
            Assert.Contains("no longer open", a.Answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(409, a.Answer.Body.GetProperty("status").GetInt32());
        });

        var instance = await GetJsonAsync(coordinator, $"/api/instances/{single.Key}");
        Assert.Equal(winner.Index, instance.GetProperty("variables").GetProperty("winner").GetInt32());
        Assert.Equal(["Task_B"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(await HistoryOfAsync(coordinator, single.Key), h => h.GetProperty("type").GetString() == "TaskCompleted");

        output.WriteLine($"{provider}: 201 starts in {E2eService.Seconds(setupTime)}; 200 different completions at once in {E2eService.Seconds(burstTime)}, all 204; 50 on one task in {E2eService.Seconds(sameTime)}: {statuses}.");
    }

    private sealed record Case(string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, Action<JsonElement, string> Check);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Bad_input_gets_the_right_status_and_a_problem_that_says_what_is_wrong_and_changes_nothing(DatabaseProvider provider)
    {
        var service = await pool.GetAsync(provider, postgres);
        using var designer = service.Client(Roles.Designer);
        using var psychologist = service.Client(Roles.Psychologist);
        using var lawyer = service.Client(Roles.Lawyer);
        using var worker = service.Client(Roles.SocialWorker);
        using var coordinator = service.Client(Roles.Coordinator);
        using var anonymous = service.Client(null);
        using var wrongKey = service.Client(null);
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "not-a-configured-key-0123456789");

        // An instance waiting in a task with a form, and a task already completed.
        var (_, visits, visitsText) = await ReadAsync(await psychologist.PostAsync("/api/processes/E2eVisits/instances", Json("""{"businessKey":"BAD-1","variables":{"child":"A."}}""")));
        var visitsId = visits.GetProperty("id").GetString() ?? throw new InvalidOperationException(visitsText);
        var formTask = Assert.Single(await TasksOfAsync(coordinator, visitsId)).GetProperty("id").GetString()!;
        var (_, simple, _) = await ReadAsync(await worker.PostAsync("/api/processes/E2eSimple/instances", Json("""{"businessKey":"BAD-2"}""")));
        var simpleId = simple.GetProperty("id").GetString()!;
        var doneTask = Assert.Single(await TasksOfAsync(coordinator, simpleId)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await ReadAsync(await worker.PostAsync($"/api/tasks/{doneTask}/complete", Json("{}")))).Status);

        async Task<string> SnapshotAsync()
        {
            var definitions = (await GetJsonAsync(coordinator, "/api/definitions")).GetRawText();
            var parts = new List<string> { definitions };
            foreach (var id in new[] { visitsId, simpleId })
            {
                var instance = await GetJsonAsync(coordinator, $"/api/instances/{id}");
                parts.Add(instance.GetProperty("status").GetRawText() + instance.GetProperty("active").GetRawText() + instance.GetProperty("variables").GetRawText());
                parts.Add(string.Join(";", (await TasksOfAsync(coordinator, id)).Select(t => t.GetRawText())));
                parts.Add(string.Join(";", (await HistoryOfAsync(coordinator, id)).Select(h => h.GetRawText())));
            }

            return string.Join("\n", parts);
        }

        var before = await SnapshotAsync();
        Assert.Contains(formTask, before, StringComparison.Ordinal);

        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE d [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="urn:x" id="D">
              <bpmn:process id="E2eXxe" name="&xxe;" isExecutable="true"><bpmn:startEvent id="S" /></bpmn:process>
            </bpmn:definitions>
            """;
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
            + string.Concat(Enumerable.Range(1, 9).Select(n => $" <!ENTITY lol{n + 1} \"{string.Concat(Enumerable.Repeat(n == 1 ? "&lol;" : $"&lol{n};", 10))}\">\n"))
            + "]>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"urn:x\" id=\"D\"><bpmn:process id=\"E2eLaughs\" name=\"&lol10;\" isExecutable=\"true\"><bpmn:startEvent id=\"S\" /></bpmn:process></bpmn:definitions>";
        var sixMiB = E2eWorkflows.Gateway("E2eHuge", juel: false).Replace("</bpmn:definitions>", "<!--" + new string('x', 6 * 1024 * 1024) + "--></bpmn:definitions>", StringComparison.Ordinal);

        static HttpContent Xml(string xml) => new StringContent(xml, Encoding.UTF8, "application/xml");
        static HttpRequestMessage Chunked(string xml)
        {
            var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = content };
            request.Headers.TransferEncodingChunked = true;
            return request;
        }

        static Action<JsonElement, string> Errors(string code, params string[] elementIds) => (problem, _) =>
        {
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.Contains(errors, e => e.GetProperty("code").GetString() == code && e.GetProperty("message").GetString()!.Length > 0);
            foreach (var id in elementIds)
            {
                Assert.Contains(errors, e => e.GetProperty("code").GetString() == code && e.GetProperty("elementId").GetString() == id);
            }
        };
        static Action<JsonElement, string> Says(params string[] words) => (problem, _) =>
        {
            foreach (var word in words)
            {
                Assert.Contains(word, problem.GetProperty("detail").GetString() ?? "", StringComparison.Ordinal);
            }
        };

        var cases = new List<Case>
        {
            new("BPMN: not XML", () => designer.PostAsync("/api/definitions?name=notes.bpmn", Xml("this is not xml")), HttpStatusCode.UnprocessableEntity, Errors("xml-malformed")),
            new("BPMN: XXE (external entity)", () => designer.PostAsync("/api/definitions", Xml(xxe)), HttpStatusCode.UnprocessableEntity, (p, text) =>
            {
                Errors("xml-dtd-forbidden")(p, text);
                Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
            }),
            new("BPMN: billion laughs", () => designer.PostAsync("/api/definitions", Xml(laughs)), HttpStatusCode.UnprocessableEntity, (p, text) =>
            {
                Errors("xml-dtd-forbidden")(p, text);
                Assert.DoesNotContain("lollol", text, StringComparison.Ordinal);
                Assert.True(text.Length < 10_000, $"{text.Length} characters");
            }),
            new("BPMN: 6 MiB body", () => designer.PostAsync("/api/definitions", Xml(sixMiB)), HttpStatusCode.RequestEntityTooLarge, Says("limit", "4194304")),
            new("BPMN: 6 MiB chunked body (no length)", () => designer.SendAsync(Chunked(sixMiB)), HttpStatusCode.RequestEntityTooLarge, (p, _) => Assert.Equal("Request body too large", p.GetProperty("title").GetString())),
            new("BPMN: JUEL expression", () => designer.PostAsync("/api/definitions", Xml(E2eWorkflows.Gateway("E2eJuel", juel: true))), HttpStatusCode.UnprocessableEntity, Errors("juel-expression", "F_Yes")),
            new("BPMN: gateway without conditions", () => designer.PostAsync("/api/definitions", Xml(E2eWorkflows.Gateway("E2eNoConditions", juel: false))), HttpStatusCode.UnprocessableEntity, Errors("missing-condition", "F_Yes", "F_No")),
            new("BPMN: a new version with a JUEL expression", () => designer.PostAsync("/api/definitions", Xml(E2eWorkflows.VisitsWith("""<bpmn:sequenceFlow id="F_Juel" sourceRef="Task_Visits" targetRef="End"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>"""))), HttpStatusCode.UnprocessableEntity, Errors("juel-expression", "F_Juel")),
            new("start: unknown process id", () => worker.PostAsync("/api/processes/NoSuchProcess/instances", Json("{}")), HttpStatusCode.NotFound, Says("NoSuchProcess")),
            new("start: malformed JSON", () => worker.PostAsync("/api/processes/E2eSimple/instances", Json("""{"businessKey": "X", "variables": {"a": }""")), HttpStatusCode.BadRequest, Says("JSON")),
            new("start: variables not an object", () => worker.PostAsync("/api/processes/E2eSimple/instances", Json("""{"variables": 5}""")), HttpStatusCode.BadRequest, Says("JSON")),
            new("complete: malformed JSON", () => psychologist.PostAsync($"/api/tasks/{formTask}/complete", Json("""{"variables": [1, 2""")), HttpStatusCode.BadRequest, Says("JSON")),
            new("complete: variables that break the form", () => psychologist.PostAsync($"/api/tasks/{formTask}/complete", Json("""{"variables":{"kind":"weekly","languages":[],"visits":[{"ok":false}]}}""")), HttpStatusCode.UnprocessableEntity, (p, _) =>
            {
                var fields = p.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
                Assert.Contains("kind", fields);
                Assert.Contains("languages", fields);
                Assert.All(p.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
            }),
            new("complete: a task that is not yours", () => lawyer.PostAsync($"/api/tasks/{formTask}/complete", Json("{}")), HttpStatusCode.Forbidden, Says(formTask, "not assigned to you")),
            new("claim: a task that is not yours", () => lawyer.PostAsync($"/api/tasks/{formTask}/claim", null), HttpStatusCode.Forbidden, Says(formTask)),
            new("complete: a completed task", () => worker.PostAsync($"/api/tasks/{doneTask}/complete", Json("{}")), HttpStatusCode.Conflict, Says(doneTask, "no longer open", "completed")),
            new("complete: an unknown task", () => worker.PostAsync("/api/tasks/no-such-task/complete", Json("{}")), HttpStatusCode.NotFound, Says("no-such-task")),
            new("deploy: no API key", () => anonymous.PostAsync("/api/definitions", Xml(E2eWorkflows.Simple)), HttpStatusCode.Unauthorized, (_, _) => { }),
            new("complete: no API key", () => anonymous.PostAsync($"/api/tasks/{formTask}/complete", Json("{}")), HttpStatusCode.Unauthorized, (_, _) => { }),
            new("start: a wrong API key", () => wrongKey.PostAsync("/api/processes/E2eSimple/instances", Json("{}")), HttpStatusCode.Unauthorized, (_, _) => { }),
            new("deploy: a wrong API key", () => wrongKey.PostAsync("/api/definitions", Xml(E2eWorkflows.Gateway("E2eSneaky", juel: false))), HttpStatusCode.Unauthorized, (_, _) => { }),
            new("deploy: wrong role (social-worker)", () => worker.PostAsync("/api/definitions", Xml(E2eWorkflows.Simple.Replace("E2eSimple", "E2eSneaky", StringComparison.Ordinal))), HttpStatusCode.Forbidden, (_, _) => { }),
            new("start: wrong role (designer)", () => designer.PostAsync("/api/processes/E2eSimple/instances", Json("{}")), HttpStatusCode.Forbidden, (_, _) => { }),
            new("cancel: wrong role (social-worker)", () => worker.DeleteAsync($"/api/instances/{visitsId}"), HttpStatusCode.Forbidden, (_, _) => { }),
            new("start: businessKey of 201 characters", () => worker.PostAsync("/api/processes/E2eSimple/instances", Json($$"""{"businessKey":"{{new string('k', 201)}}"}""")), HttpStatusCode.BadRequest, Says("businessKey", "200")),
            new("start: process id of 300 characters", () => worker.PostAsync($"/api/processes/{new string('p', 300)}/instances", Json("{}")), HttpStatusCode.NotFound, Says("process")),
            new("message: name of 201 characters", () => worker.PostAsync("/api/messages", Json($$"""{"name":"{{new string('m', 201)}}","correlationKey":"BAD-1"}""")), HttpStatusCode.BadRequest, Says("name", "200")),
            new("message: correlationKey of 201 characters", () => worker.PostAsync("/api/messages", Json($$"""{"name":"visitsDone","correlationKey":"{{new string('c', 201)}}"}""")), HttpStatusCode.BadRequest, Says("correlationKey", "200")),
            new("instance: id of 300 characters", () => coordinator.GetAsync($"/api/instances/{new string('i', 300)}"), HttpStatusCode.NotFound, Says("instance")),
            new("variables: id of 300 characters", () => coordinator.PutAsync($"/api/instances/{new string('i', 300)}/variables", Json("""{"variables":{"a":1}}""")), HttpStatusCode.NotFound, Says("instance")),
            new("variables: a name of 201 characters", () => coordinator.PutAsync($"/api/instances/{visitsId}/variables", Json($$$"""{"variables":{"{{{new string('v', 201)}}}":1}}""")), HttpStatusCode.BadRequest, Says("variables")),
            new("variables: wrong role (social-worker)", () => worker.PutAsync($"/api/instances/{visitsId}/variables", Json("""{"variables":{"child":"B."}}""")), HttpStatusCode.Forbidden, (_, _) => { }),
            new("retry: incident id of 300 characters", () => coordinator.PostAsync($"/api/incidents/{new string('n', 300)}/retry", null), HttpStatusCode.NotFound, (_, _) => { }),
        };

        var failures = new List<string>();
        var table = new StringBuilder();
        foreach (var c in cases)
        {
            try
            {
                var (status, body, text) = await ReadAsync(await c.Send());
                table.AppendLine($"{c.Name}: {(int)status} {(text.Length > 300 ? text[..300] + "…" : text)}");
                Assert.True(status == c.Status, $"expected {(int)c.Status}, got {(int)status}: {text}");
                Assert.Equal((int)c.Status, body.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
                c.Check(body, text);
                var after = await SnapshotAsync();
                Assert.True(before == after, $"something changed:\nbefore: {before}\nafter:  {after}");
            }
#pragma warning disable CA1031 // Every row is checked; the failures are reported together.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{c.Name}: {e.Message}");
            }
        }

        output.WriteLine($"{provider}:\n{table}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} rows failed:\n{string.Join("\n", failures)}\n\n{table}");
        Assert.DoesNotContain("E2eSneaky", before, StringComparison.Ordinal);
    }
}
