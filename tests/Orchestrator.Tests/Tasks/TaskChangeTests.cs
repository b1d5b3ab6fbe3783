using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Security;
using Orchestrator.Tasks;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Tasks;

/// <summary>
/// Live inbox changes between nodes: a claim on one node reaches the other node's open inboxes through PostgreSQL
/// LISTEN/NOTIFY, and its own node hears it once (its own NOTIFY is not delivered twice).
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class TaskChangeTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreatePostgresAsync(server, nameof(TaskChangeTests));

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_claim_on_one_node_reaches_the_other_nodes_inboxes_once_through_postgresql()
    {
        using var nodeA = new PostgresNode(_database!.ConnectionString);
        using var nodeB = new PostgresNode(_database.ConnectionString);
        using var onA = nodeA.ClientAs(Roles.Coordinator);
        using var workerOnA = nodeA.ClientAs(Roles.SocialWorker);
        var feedA = nodeA.Services.GetRequiredService<TaskChangeFeed>();
        var feedB = nodeB.Services.GetRequiredService<TaskChangeFeed>();
        Assert.NotEqual(feedA.NodeId, feedB.NodeId);
        using var onNodeA = feedA.Subscribe();
        using var onNodeB = feedB.Subscribe();

        // The relay on B must be listening before A's change is sent: wait until a probe from A arrives at B.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var probe = new TaskChange("probe", "resync", null, null, null, []);
        while (true)
        {
            feedA.Publish([probe]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (await ReceivedAsync(onNodeB, "probe", wait.Token))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "node B's relay did not hear node A within 60 s");
        }

        Drain(onNodeA);
        var started = await (await onA.PostAsync("/api/processes/ApiIntake/instances", JsonContent.Create(new { businessKey = "R-1" }))).AssertJsonAsync(HttpStatusCode.Created);
        var tasks = await (await onA.GetAsync($"/api/tasks?instanceId={started.GetProperty("id").GetString()}")).AssertJsonAsync(HttpStatusCode.OK);
        var taskId = Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetString()!;
        await (await workerOnA.PostAsync($"/api/tasks/{taskId}/claim", null)).AssertJsonAsync(HttpStatusCode.OK);

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            var claim = await NextAsync(onNodeB, c => c.TaskId == taskId && c.Kind == "assigned", wait.Token);
            Assert.Equal("apikey:social-worker-bot", claim.Assignee);
            Assert.Equal(["social-worker"], claim.Groups ?? []);
        }

        // Node A told its own inboxes once (created, then claimed), and did not hear its own NOTIFY again.
        using (var settle = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            var seen = new List<TaskChange>();
            try
            {
                while (true)
                {
                    seen.Add(await onNodeA.Reader.ReadAsync(settle.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Equal(["created", "assigned"], seen.Where(c => c.TaskId == taskId).Select(c => c.Kind));
        }
    }

    private static async Task<bool> ReceivedAsync(TaskChangeSubscription subscription, string taskId, CancellationToken ct)
    {
        try
        {
            await NextAsync(subscription, c => c.TaskId == taskId, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<TaskChange> NextAsync(TaskChangeSubscription subscription, Func<TaskChange, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var change = await subscription.Reader.ReadAsync(ct);
            if (match(change))
            {
                return change;
            }
        }
    }

    private static void Drain(TaskChangeSubscription subscription)
    {
        while (subscription.Reader.TryRead(out _))
        {
        }
    }

    private sealed class PostgresNode(string connectionString) : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Orchestrator"] = connectionString,
        };
    }
}
