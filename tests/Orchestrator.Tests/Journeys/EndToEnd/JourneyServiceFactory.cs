using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Journeys.EndToEnd;

/// <summary>
/// The real service with the repository's <c>workflows/</c> (journeys and forms) and <c>templates/</c> deployed, on a
/// fresh PostgreSQL database, sending its emails over SMTP to MailDev, on a virtual clock that starts at the real now
/// (so Hangfire, which waits in real time, never fires a journey timer by itself: the tests fire the due ones).
/// </summary>
public sealed class JourneyServiceFactory : ApiFactory
{
    private readonly Dictionary<string, string> _settings;
    private DateTimeOffset _firedThrough;

    private JourneyServiceFactory(Dictionary<string, string> settings)
    {
        _settings = settings;
        _firedThrough = Clock.GetUtcNow();
        var workflows = Path.Combine(RepositoryRoot, "workflows");
        foreach (var file in Directory.GetFiles(workflows, "*.bpmn"))
        {
            File.Copy(file, Path.Combine(WorkflowsDirectory, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(workflows, "forms"), "*.form"))
        {
            File.Copy(file, Path.Combine(WorkflowsDirectory, "forms", Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The service's clock, in whole seconds (PostgreSQL keeps microseconds).</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    /// <summary>Starts the service on a new database of <paramref name="postgres"/>, mailing to <paramref name="mailDev"/>.</summary>
    public static async Task<JourneyServiceFactory> CreateAsync(PostgresServer postgres, MailDevServer mailDev)
    {
        var factory = new JourneyServiceFactory(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Orchestrator"] = await postgres.CreateDatabaseAsync("journeys"),
            ["Smtp:Host"] = mailDev.Host,
            ["Smtp:Port"] = mailDev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "orchestrator@dif.example",
            ["Orchestrator:PublicBaseUrl"] = "http://localhost",
            ["Notifications:TemplatesPath"] = Path.Combine(RepositoryRoot, "templates"),
            ["Organisation:Name"] = "DIF Journeys",
            ["Notifications:EmailActionRateLimit"] = "10000",
        });
        _ = factory.Server; // migrations and deployment happen here, not inside the first request
        return factory;
    }

    protected override IReadOnlyDictionary<string, string> ExtraSettings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>POSTs JSON as <paramref name="role"/>'s API key; asserts the status; returns the body (null when empty).</summary>
    public async Task<JsonNode?> PostAsync(string role, string path, JsonNode body, HttpStatusCode expected)
    {
        using var client = ClientAs(role);
        var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} as {role}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>GETs JSON as <paramref name="role"/>; asserts success.</summary>
    public async Task<JsonNode> GetAsync(string role, string path)
    {
        using var client = ClientAs(role);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} as {role}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Starts a journey as a program with a social worker's key; returns the instance id.</summary>
    public async Task<string> StartAsync(string processId, string businessKey, JsonObject variables) =>
        (await PostAsync(Security.Roles.SocialWorker, $"/api/processes/{processId}/instances",
            new JsonObject { ["businessKey"] = businessKey, ["variables"] = variables }, HttpStatusCode.Created))!["id"]!.GetValue<string>();

    /// <summary>The element ids of the tasks in <paramref name="group"/>'s inbox for one instance, as a member of that group sees them.</summary>
    public async Task<Dictionary<string, string>> InboxAsync(string group, string instanceId)
    {
        var tasks = (await GetAsync(group, $"/api/tasks?candidateGroup={Uri.EscapeDataString(group)}&instanceId={Uri.EscapeDataString(instanceId)}")).AsArray();
        return tasks.ToDictionary(t => t!["elementId"]!.GetValue<string>(), t => t!["id"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>Takes the task of <paramref name="elementId"/> from <paramref name="group"/>'s inbox and completes it with the form's data.</summary>
    public async Task CompleteAsync(string group, string instanceId, string elementId, JsonObject data)
    {
        var inbox = await InboxAsync(group, instanceId);
        Assert.True(inbox.TryGetValue(elementId, out var taskId), $"{elementId} is not in the {group} inbox; it holds {string.Join(", ", inbox.Keys)}");
        using var client = ClientAs(group);
        var response = await client.PostAsync($"/api/tasks/{taskId}/complete", new StringContent(new JsonObject { ["variables"] = data }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"complete {elementId} as {group}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        // The step's jobs (a letter takes Chromium a while) may have been leased by the host's recovery sweep first.
        await SettleJobsAsync(Clock.GetUtcNow());
    }

    /// <summary>The instance as the API shows it.</summary>
    public async Task<JsonObject> InstanceAsync(string instanceId) => (await GetAsync(Security.Roles.Coordinator, $"/api/instances/{instanceId}")).AsObject();

    /// <summary>The elements waiting in an instance.</summary>
    public async Task<string[]> ActiveAsync(string instanceId) =>
        [.. (await InstanceAsync(instanceId))["active"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Fires every pending timer due at the clock's now, earliest first, as the scheduler would when each falls due
    /// (a cycle's next occurrence that is already due fires too), and waits until the jobs those firings started have
    /// run. Returns how many timers fell due and fired since the previous call (whoever fired them).
    /// </summary>
    public async Task<int> FireDueTimersAsync()
    {
        var now = Clock.GetUtcNow();
        for (var round = 0; ; round++)
        {
            if (round == 1000)
            {
                throw new InvalidOperationException("more than 1,000 timers fell due: a timer cycle does not advance");
            }

            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var due = (await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).ToListAsync())
                .Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
            if (due is null)
            {
                break;
            }

            // The host's own scheduler runs on the same virtual clock and may fire it first: then the row says so.
            if (!await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireTimerAsync(due.Id, CancellationToken.None))
            {
                var status = await db.Timers.AsNoTracking().Where(t => t.Id == due.Id).Select(t => t.Status).SingleAsync();
                Assert.True(status == TimerStatuses.Fired, $"timer {due.Id} ({due.ElementId}) did not fire and is {status}");
            }
        }

        // A firing by the host (or a job its recovery sweep leased first) runs the step's jobs on the host's thread,
        // after our call returned: read nothing before they are done.
        await SettleJobsAsync(now);
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var since = _firedThrough;
            _firedThrough = now;
            return (await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Fired).ToListAsync()).Count(t => t.DueAt > since && t.DueAt <= now);
        }
    }

    /// <summary>
    /// Waits until the jobs of the steps a request just committed have run: the request runs them after its commit, but
    /// the host's recovery sweep may lease one first and run it on its own thread.
    /// </summary>
    public Task SettleAsync() => SettleJobsAsync(Clock.GetUtcNow());

    /// <summary>Waits until no job due at <paramref name="now"/> is in its first attempt or waiting for it (a failed one waits for its retry).</summary>
    private async Task SettleJobsAsync(DateTimeOffset now)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var busy = (await db.Jobs.AsNoTracking().ToListAsync())
                .Where(j => j.LastError is null && j.DueAt <= now && (j.LeaseUntil > now || (j.LeaseUntil is null && j.Attempts == 0))).ToList();
            if (busy.Count == 0)
            {
                return;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "jobs still running after 30 s: " + string.Join(", ", busy.Select(j => $"{j.ElementId} ({j.Type}) attempts {j.Attempts}")));
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The emails staged for <paramref name="address"/> (outbox rows: an email exists exactly when its step committed).</summary>
    public async Task<IReadOnlyList<OutboxEmailPayload>> StagedForAsync(string address)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind).ToListAsync();
        return [.. rows.Select(EmailOutbox.ReadPayload).Where(p => p.To.Contains(address, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Everything a GET of a link must not change: the instance row, its tasks, the links, the outbox.</summary>
    public async Task<string> SnapshotAsync(string instanceId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var text = new StringBuilder();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        text.AppendLine($"instance {instance.Status} v{instance.RowVersion} {instance.State}");
        foreach (var t in await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync())
        {
            text.AppendLine($"task {t.Id} {t.ElementId} {t.Status} {t.EndedBy}");
        }

        foreach (var k in await db.EmailActionTokens.AsNoTracking().Where(k => k.InstanceId == instanceId).OrderBy(k => k.Id).ToListAsync())
        {
            text.AppendLine($"token {k.Id} {k.UsedAt:O} {k.UsedOutcome}");
        }

        text.AppendLine($"outbox {await db.Outbox.CountAsync()}");
        return text.ToString();
    }

    /// <summary>The instance's job rows, for a failure message (element, attempts, lease, last error).</summary>
    public async Task<string> JobsAsync(string instanceId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.InstanceId == instanceId).ToListAsync();
        return string.Join("; ", jobs.Select(j => $"{j.ElementId} attempts {j.Attempts} due {j.DueAt:O} lease {j.LeaseOwner} {j.LeaseUntil:O} error {j.LastError}"));
    }

    /// <summary>A client without credentials that keeps cookies, as a browser opening an email link.</summary>
    public HttpClient Browser() => Anonymous();

    /// <summary>The bytes of a document, as staff download it.</summary>
    public async Task<byte[]> DocumentAsync(string role, string documentId)
    {
        using var client = ClientAs(role);
        var response = await client.GetAsync($"/api/documents/{documentId}");
        Assert.True(response.IsSuccessStatusCode, $"GET /api/documents/{documentId}: {(int)response.StatusCode}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
