using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine.Runtime;
using Orchestrator.Hosting;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

/// <summary>A service task that fails until told otherwise, an incident, its retry; and the logs and metrics around them.</summary>
public sealed class IncidentApiTests(IncidentApiTests.FlakyFactory factory) : IClassFixture<IncidentApiTests.FlakyFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Failed_work_becomes_an_incident_that_a_coordinator_retries()
    {
        factory.Failing = true;
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/processes/ApiFlaky/instances", Json("""{"businessKey":"F-1"}""")))
            .AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        var incidents = await (await coordinator.GetAsync("/api/incidents")).AssertJsonAsync(HttpStatusCode.OK);
        var incident = Assert.Single(incidents.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == id);
        Assert.Equal("Service_Register", incident.GetProperty("elementId").GetString());
        Assert.Contains("registry offline", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        var instance = await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.NotEmpty(instance.GetProperty("incidents").EnumerateArray());

        factory.Failing = false;
        var incidentId = incident.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/incidents/{incidentId}/retry", null)).StatusCode);

        instance = await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Task_Check"], instance.GetProperty("active").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(instance.GetProperty("incidents").EnumerateArray());
        await (await coordinator.PostAsync($"/api/incidents/{incidentId}/retry", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Log_entries_written_while_a_task_is_completed_carry_its_task_id()
    {
        factory.Failing = false;
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/processes/ApiFlaky/instances", Json("{}"))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var taskId = (await (await coordinator.GetAsync($"/api/tasks?instanceId={id}")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/tasks/{taskId}/complete", Json("{}"))).StatusCode);

        Assert.Contains(factory.Logs.Entries, e => e.Category.StartsWith("Orchestrator.Workflows", StringComparison.Ordinal)
            && e.Properties.TryGetValue("TaskId", out var scoped) && Equals(scoped, taskId));
        await (await coordinator.GetAsync($"/api/instances/{id}")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(factory.Logs.Entries, e => e.Properties.TryGetValue("InstanceId", out var scoped) && Equals(scoped, id));
    }

    [Fact]
    public async Task Metrics_count_what_the_core_commits()
    {
        var metrics = factory.Services.GetRequiredService<OrchestratorMetrics>();
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen.Add((instrument.Name, value, Tag(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => seen.Add((instrument.Name, value, Tag(tags))));
        listener.Start();

        factory.Failing = true;
        using var coordinator = factory.ClientAs(Roles.Coordinator);
        var id = (await (await coordinator.PostAsync("/api/processes/ApiFlaky/instances", Json("{}"))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var incident = (await (await coordinator.GetAsync("/api/incidents")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(i => i.GetProperty("instanceId").GetString() == id).GetProperty("id").GetString();
        factory.Failing = false;
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/incidents/{incident}/retry", null)).StatusCode);
        var taskId = (await (await coordinator.GetAsync($"/api/tasks?instanceId={id}")).AssertJsonAsync(HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/tasks/{taskId}/complete", Json("{}"))).StatusCode);

        Assert.Contains(("orchestrator.instances.started", 1d, "ApiFlaky"), seen);
        Assert.Contains(("orchestrator.incidents.raised", 1d, "ApiFlaky"), seen);
        Assert.Contains(("orchestrator.incidents.resolved", 1d, "ApiFlaky"), seen);
        Assert.Contains(("orchestrator.tasks.completed", 1d, "ApiFlaky"), seen);
        Assert.Contains(seen, m => m.Instrument == "orchestrator.tasks.completion_latency" && m.Value >= 0 && m.Tag == "ApiFlaky");
        Assert.Contains(("orchestrator.instances.completed", 1d, "ApiFlaky"), seen);

        // The meter's own arithmetic: lateness never negative.
        metrics.TimerFired("ApiFlaky", TimeSpan.FromMilliseconds(-5));
        Assert.Contains(("orchestrator.timers.lateness", 0d, "ApiFlaky"), seen);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "process_id")
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    public sealed class FlakyFactory : ApiFactory
    {
        public FlakyFactory() => File.Copy(Fixture("flaky.bpmn"), Path.Combine(WorkflowsDirectory, "flaky.bpmn"));

        private volatile bool _failing = true;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var handlers = new JobHandlerRegistry { Fallback = JobHandlerRegistry.CompleteAll };
                handlers.Register("flaky", _ => Failing ? JobOutcome.Fail("registry offline") : JobOutcome.Complete());
                services.AddSingleton(handlers);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
        }
    }
}
