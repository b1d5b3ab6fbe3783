using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Api;

/// <summary>
/// The <c>Idempotency-Key</c> record is part of the command's transaction: a failure before the commit leaves neither
/// (the retry runs, once), and a record whose command committed is never run again, even when its answer was lost.
/// </summary>
public sealed class IdempotencyCrashTests(IdempotencyCrashTests.FaultFactory factory) : IClassFixture<IdempotencyCrashTests.FaultFactory>
{
    private static HttpRequestMessage Start(string key, string businessKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/ApiIntake/instances")
        {
            Content = new StringContent($$"""{"businessKey":"{{businessKey}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<T> WithDbAsync<T>(Func<OrchestratorDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>());
    }

    private Task<int> InstancesAsync(string businessKey) => WithDbAsync(db => db.Instances.CountAsync(i => i.BusinessKey == businessKey));

    [Fact]
    public async Task A_failure_before_the_commit_leaves_no_key_and_the_retry_starts_exactly_one_instance()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        factory.Fault.FailFor("CRASH-1");

        using (var first = Start("crash-key-1", "CRASH-1"))
        {
            var failed = await client.SendAsync(first);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        // While the command ran, no other connection could see the key: it was not reserved outside the transaction
        // (a reservation committed on its own is what a crash would leave behind, answering 409 to every retry).
        Assert.Equal(1, factory.Fault.Failures);
        Assert.False(factory.Fault.KeyVisibleBeforeCommit, "the Idempotency-Key was committed before the command's transaction");
        Assert.False(await WithDbAsync(db => db.IdempotencyKeys.AnyAsync(r => r.Key == "crash-key-1")));
        Assert.Equal(0, await InstancesAsync("CRASH-1"));

        using var retry = Start("crash-key-1", "CRASH-1");
        var created = await (await client.SendAsync(retry)).AssertJsonAsync(HttpStatusCode.Created);
        using var repeat = Start("crash-key-1", "CRASH-1");
        var repeated = await client.SendAsync(repeat);
        var replayed = await repeated.AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal(created.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.True(repeated.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await InstancesAsync("CRASH-1"));
    }

    [Fact]
    public async Task A_command_that_committed_but_lost_its_answer_is_not_carried_out_again()
    {
        using var client = factory.ClientAs(Roles.SocialWorker);
        using (var first = Start("crash-key-2", "CRASH-2"))
        {
            await (await client.SendAsync(first)).AssertJsonAsync(HttpStatusCode.Created);
        }

        // What a crash between the command's commit and storing its answer leaves: the record without an answer.
        await WithDbAsync(async db =>
        {
            var record = await db.IdempotencyKeys.SingleAsync(r => r.Key == "crash-key-2");
            record.ResponseStatus = 0;
            record.ResponseBody = null;
            record.CreatedAt = record.CreatedAt.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });

        using var retry = Start("crash-key-2", "CRASH-2");
        var problem = await (await client.SendAsync(retry)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("carried out", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(1, await InstancesAsync("CRASH-2"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_start_one_instance_and_all_answer_with_it()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = factory.ClientAs(Roles.SocialWorker);
            using var request = Start("crash-key-3", "CRASH-3");
            var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(1, await InstancesAsync("CRASH-3"));
    }

    /// <summary>The API with a command effect that fails (as a crash before the commit would) for one business key.</summary>
    public sealed class FaultFactory : ApiFactory
    {
        public FaultInjection Fault { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(Fault);
                services.AddScoped<IWorkflowEffects, FaultEffect>();
            });
        }
    }

    /// <summary>Which business key fails, and what the failing command could see.</summary>
    public sealed class FaultInjection
    {
        /// <summary>The Idempotency-Key of the request that fails.</summary>
        public const string Key = "crash-key-1";

        private string? _businessKey;

        public int Failures { get; private set; }

        public bool KeyVisibleBeforeCommit { get; set; }

        public void FailFor(string businessKey) => _businessKey = businessKey;

        public bool Take(string? businessKey)
        {
            lock (this)
            {
                if (businessKey is null || businessKey != _businessKey)
                {
                    return false;
                }

                _businessKey = null;
                Failures++;
                return true;
            }
        }
    }

    private sealed class FaultEffect(FaultInjection fault, IServiceScopeFactory scopes) : IWorkflowEffects
    {
        public async Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
        {
            if (!fault.Take(change.BusinessKey))
            {
                return;
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                var other = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                fault.KeyVisibleBeforeCommit = await other.IdempotencyKeys.AnyAsync(r => r.Key == FaultInjection.Key, cancellationToken);
            }

            throw new InvalidOperationException("simulated crash before the commit");
        }
    }
}
