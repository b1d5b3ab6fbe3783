using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Simulation;

/// <summary>
/// Runs one <see cref="Scenario"/> against one instance in memory on a virtual clock and reports what happened.
/// This is <c>simulate</c>: how designers test a journey before deploying it, and how workflow tests are written.
/// Steps that cannot be carried out (completing a task that is not open, a message nobody waits for) and
/// expectations that do not hold are reported as failures; the run goes on so that one report shows them all.
/// The trace names each history event in kebab case (<c>timer-fired</c>, <c>task-created</c>); task reminders and
/// escalations (<c>orc:reminder</c>, <c>orc:escalateAfter</c>) appear as <c>task-reminder-sent</c> and
/// <c>task-escalated</c>, and an <c>expect</c> step can check them with <c>reminders</c> and <c>escalated</c>
/// (additions to the scenario format; scenarios without them read as before).
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Deploys the files, starts the instance and runs every step.</summary>
    /// <param name="files">The BPMN files; the first one holds the default process. They must be valid.</param>
    /// <param name="scenario">The scenario.</param>
    /// <exception cref="ScenarioFormatException">The scenario names a process or element that does not exist.</exception>
    public static SimulationReport Run(IReadOnlyList<BpmnSource> files, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(scenario);
        if (files.Count == 0)
        {
            throw new ArgumentException("At least one BPMN file is needed.", nameof(files));
        }

        var runtime = new InMemoryWorkflowRuntime(new InMemoryRuntimeOptions { Start = scenario.Start, CompleteUnknownJobs = true });
        var deployed = files.Select(f => runtime.Deploy(f.Xml, f.SourceName)).ToList();
        var process = ChooseProcess(scenario.Process, deployed);
        RegisterMocks(runtime, scenario.Mocks, deployed.SelectMany(d => d).ToList());

        // A multi-instance activity has completed when its body has, not when its first instance has.
        var multiInstance = deployed.SelectMany(d => d).SelectMany(p => p.Definition.AllElements.Values)
            .OfType<Activity>().Where(a => a.MultiInstance is not null).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        string instanceId;
        try
        {
            instanceId = runtime.StartInstance(process.ProcessId, (JsonObject)scenario.Variables.DeepClone());
        }
        catch (WorkflowCommandException e)
        {
            failures.Add($"start: {e.Message}");
            return Report(runtime, null, failures);
        }

        foreach (var step in scenario.Steps)
        {
            failures.AddRange(RunStep(runtime, instanceId, step, multiInstance));
        }

        return Report(runtime, instanceId, failures);
    }

    private static DeployedProcess ChooseProcess(string? processId, List<IReadOnlyList<DeployedProcess>> deployed)
    {
        if (processId is not null)
        {
            return deployed.SelectMany(d => d).FirstOrDefault(p => p.ProcessId == processId)
                ?? throw new ScenarioFormatException($"process: no executable process '{processId}' in the given files (there are: {string.Join(", ", deployed.SelectMany(d => d).Select(p => p.ProcessId))})");
        }

        return deployed[0].Count switch
        {
            1 => deployed[0][0],
            0 => throw new ScenarioFormatException("process: the first file has no executable process"),
            _ => throw new ScenarioFormatException($"process: the first file has {deployed[0].Count} executable processes ({string.Join(", ", deployed[0].Select(p => p.ProcessId))}); name one with \"process\""),
        };
    }

    private static void RegisterMocks(InMemoryWorkflowRuntime runtime, IReadOnlyDictionary<string, ServiceMock> mocks, List<DeployedProcess> processes)
    {
        foreach (var (elementId, mock) in mocks)
        {
            var element = processes.Select(p => p.Definition.FindNode(elementId)).FirstOrDefault(n => n is not null);
            if (element is not (ServiceTask or SendTask))
            {
                throw new ScenarioFormatException(element is null
                    ? $"mocks.{elementId}: no such element in the given files"
                    : $"mocks.{elementId}: is a {element.Kind}; only service and send tasks can be mocked");
            }

            runtime.Handlers.RegisterForElement(elementId, _ => mock switch
            {
                ServiceMock.Output o => JobOutcome.Complete((JsonObject)o.Variables.DeepClone()),
                ServiceMock.BpmnError e => JobOutcome.BpmnError(e.Code),
                ServiceMock.Failure f => JobOutcome.Fail(f.Message),
                _ => throw new InvalidOperationException("unknown mock"),
            });
        }
    }

    private static IEnumerable<string> RunStep(InMemoryWorkflowRuntime runtime, string instanceId, ScenarioStep step, HashSet<string> multiInstance)
    {
        var prefix = $"step {step.Number}: ";
        try
        {
            switch (step)
            {
                case ScenarioStep.Complete complete:
                    var task = OpenTasksOf(runtime, instanceId).FirstOrDefault(t => t.ElementId == complete.ElementId);
                    if (task is null)
                    {
                        return [$"{prefix}cannot complete {complete.ElementId}: it has no open task (open tasks: [{string.Join(", ", OpenTasksOf(runtime, instanceId).Select(t => t.ElementId))}])"];
                    }

                    runtime.CompleteTask(task.Id, (JsonObject)complete.Variables.DeepClone(), "simulation");
                    return [];

                case ScenarioStep.Advance advance:
                    runtime.AdvanceTo(advance.Duration.AddTo(runtime.Clock.GetUtcNow()));
                    return [];

                case ScenarioStep.Message message:
                    var correlated = runtime.CorrelateMessage(message.Name, message.CorrelationKey, (JsonObject)message.Variables.DeepClone());
                    return correlated.Count > 0
                        ? []
                        : [$"{prefix}message {message.Name}{(message.CorrelationKey is null ? "" : $" (correlation key {message.CorrelationKey})")} was not correlated: nothing waits for it"];

                case ScenarioStep.Expect expect:
                    return ExpectationCheck.Failures(step.Number, expect.Expectation, Snapshot(runtime, instanceId, multiInstance));

                default:
                    throw new InvalidOperationException($"unknown step {step.GetType().Name}");
            }
        }
        catch (WorkflowCommandException e)
        {
            return [prefix + e.Message];
        }
    }

    /// <summary>The instance and every instance it called (their ids start with the caller's id and a colon).</summary>
    private static bool InTree(string candidateId, string rootId) =>
        candidateId == rootId || candidateId.StartsWith(rootId + ":", StringComparison.Ordinal);

    private static IEnumerable<UserTaskInfo> OpenTasksOf(InMemoryWorkflowRuntime runtime, string rootId) =>
        runtime.OpenTasks().Where(t => InTree(t.InstanceId, rootId));

    private static InstanceSnapshot Snapshot(InMemoryWorkflowRuntime runtime, string instanceId, HashSet<string> multiInstance)
    {
        var state = runtime.GetInstance(instanceId);
        return new InstanceSnapshot
        {
            Active = runtime.ActiveElements(instanceId),
            Completed = runtime.History
                .Where(h => h.Type == HistoryEventType.ElementCompleted && h.ElementId is not null && InTree(h.InstanceId, instanceId)
                    && (h.ElementKind == "multiInstanceBody" || !multiInstance.Contains(h.ElementId)))
                .Select(h => h.ElementId!)
                .ToHashSet(StringComparer.Ordinal),
            Ended = state.Status != InstanceStatus.Active,
            Variables = state.Variables,
            Tasks = [.. OpenTasksOf(runtime, instanceId).Select(t => new TaskSnapshot(t.ElementId, t.CandidateGroups, t.CandidateUsers, t.Assignee, t.Due, t.FollowUp, t.Priority, t.FormKey))],
            Incidents = [.. runtime.Incidents.Where(i => InTree(i.InstanceId, instanceId)).Select(i => i.ElementId)],
            Reminders = runtime.Notifications
                .Where(n => n.Kind == TaskNotificationKind.Reminder && InTree(n.InstanceId, instanceId))
                .GroupBy(n => n.ElementId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Escalated = runtime.Notifications
                .Where(n => n.Kind == TaskNotificationKind.Escalation && InTree(n.InstanceId, instanceId))
                .Select(n => n.ElementId).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static SimulationReport Report(InMemoryWorkflowRuntime runtime, string? instanceId, List<string> failures)
    {
        var state = instanceId is null ? null : runtime.GetInstance(instanceId);
        return new SimulationReport
        {
            Trace = [.. runtime.History.Where(IsTraced).Select(h => new TraceEntry(h.At, h.ElementId ?? state?.ProcessId ?? "-", EventName(h.Type)))],
            Active = instanceId is null ? [] : runtime.ActiveElements(instanceId),
            Ended = state is null || state.Status != InstanceStatus.Active,
            Variables = state is null ? [] : (JsonObject)state.Variables.DeepClone(),
            Incidents = [.. runtime.Incidents.Where(i => instanceId is not null && InTree(i.InstanceId, instanceId)).Select(i => new IncidentEntry(i.ElementId, i.Message))],
            Failures = failures,
        };
    }

    /// <summary>Variable changes are left out of the trace: the report's <c>variables</c> shows where they ended.</summary>
    private static bool IsTraced(HistoryEvent e) => e.Type is not (HistoryEventType.VariableCreated or HistoryEventType.VariableUpdated);

    /// <summary><c>TaskCreated</c> → <c>task-created</c>.</summary>
    private static string EventName(HistoryEventType type)
    {
        var name = type.ToString();
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                chars.Add('-');
            }

            chars.Add(char.ToLowerInvariant(name[i]));
        }

        return new string([.. chars]);
    }
}
