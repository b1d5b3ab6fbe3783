namespace Orchestrator.Engine.Runtime;

/// <summary>What a timer is for.</summary>
public enum TimerPurpose
{
    /// <summary>A timer event (start, intermediate, boundary, event sub-process start): firing moves a token.</summary>
    Event,

    /// <summary>A task's <c>orc:reminder</c>: firing sends a reminder notification; nothing moves.</summary>
    Reminder,

    /// <summary>A task's <c>orc:escalateAfter</c>: firing escalates the task (notification, group added); nothing moves.</summary>
    Escalation,
}
