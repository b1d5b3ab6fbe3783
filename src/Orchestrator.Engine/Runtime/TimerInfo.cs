namespace Orchestrator.Engine.Runtime;

/// <summary>A scheduled timer.</summary>
/// <param name="Id">The timer id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The timer event.</param>
/// <param name="Due">When it falls due.</param>
/// <param name="RepetitionsLeft">Cycle repetitions after this one; -1 for unbounded.</param>
public sealed record TimerInfo(string Id, string InstanceId, string ElementId, DateTimeOffset Due, int RepetitionsLeft)
{
    /// <summary>A timer event, or a task's reminder or escalation (then <see cref="ElementId"/> is the task). The host fires all of them the same way, with <see cref="FireTimer"/>.</summary>
    public TimerPurpose Purpose { get; init; }
}
