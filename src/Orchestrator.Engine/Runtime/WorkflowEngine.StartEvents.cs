using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>Timer and message start events: they belong to no instance; the host schedules them and starts instances with <see cref="StartInstance.StartEventId"/>.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// The first occurrences of the timer start events of a deployed version. The host keeps these timers itself (they
    /// belong to no instance); when one falls due it starts an instance with <see cref="StartInstance.StartEventId"/> and
    /// asks <see cref="NextStartTimerDue"/> for the next occurrence. Replace them when a new version is deployed.
    /// </summary>
    /// <param name="deployed">The deployed version.</param>
    /// <exception cref="InvalidOperationException">A timer value does not parse (validation reports this before deployment).</exception>
    public IReadOnlyList<StartTimerPlan> PlanStartTimers(DeployedProcess deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        var result = new List<StartTimerPlan>();
        var now = Time.GetUtcNow();
        foreach (var s in deployed.Definition.Body.StartEvents)
        {
            if (s.Definition is not TimerEventDefinition timer)
            {
                continue;
            }

            var ok = timer.Value.IsFeel
                ? Timers.TimerMath.TryPlan(timer.Kind, Feel.Evaluate(timer.Value.Text).Value, now, Zone, out var plan, out var error)
                : Timers.TimerMath.TryPlan(timer.Kind, timer.Value.Text, now, Zone, out plan, out error);
            if (!ok)
            {
                throw new InvalidOperationException($"Timer start event {s.Id} of {deployed.ProcessId}: {error}");
            }

            if (!plan.Never)
            {
                result.Add(new StartTimerPlan(deployed.ProcessId, deployed.Version, s.Id, plan.Due, plan.Repeat, plan.Cycle));
            }
        }

        return result;
    }

    /// <summary>
    /// The occurrence of a timer start event after one that fired, or <c>null</c> when its cycle is over. Given
    /// <paramref name="now"/>, occurrences already past (the host was down) are skipped, so one late start stands for
    /// them instead of a burst of instances (pass it whenever the firing may be late).
    /// </summary>
    /// <param name="fired">The occurrence that fired.</param>
    /// <param name="now">The current instant; <c>null</c> takes the very next occurrence even if it is past.</param>
    public static StartTimerPlan? NextStartTimerDue(StartTimerPlan fired, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(fired);
        if (fired.RepetitionsLeft == 0 || fired.Cycle is not { } cycle)
        {
            return null;
        }

        if (now is { } at)
        {
            return Timers.TimerMath.NextAfter(cycle, fired.Due, fired.RepetitionsLeft, at) is { } after
                ? fired with { Due = after.Due, RepetitionsLeft = after.RemainingAfter }
                : null;
        }

        return Timers.TimerMath.Next(cycle, fired.Due, fired.RepetitionsLeft) is { } next
            ? fired with { Due = next, RepetitionsLeft = fired.RepetitionsLeft > 0 ? fired.RepetitionsLeft - 1 : -1 }
            : null;
    }

    /// <summary>
    /// The message start events named <paramref name="messageName"/> in the latest version of every process: what a
    /// message nobody waits for starts (start each with <see cref="StartInstance.StartEventId"/>).
    /// </summary>
    /// <param name="messageName">The message name.</param>
    public IReadOnlyList<(DeployedProcess Process, string StartEventId)> FindMessageStartEvents(string messageName)
    {
        var result = new List<(DeployedProcess, string)>();
        foreach (var d in Definitions.LatestVersions())
        {
            foreach (var s in d.Definition.Body.StartEvents)
            {
                if (s.Definition is MessageEventDefinition m && m.Message?.Name == messageName)
                {
                    result.Add((d, s.Id));
                }
            }
        }

        return result;
    }
}
