namespace Orchestrator.Engine.Model;

/// <summary>When a <see cref="TimerEventDefinition"/> falls due.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: an absolute date-time.</summary>
    Date,

    /// <summary><c>timeDuration</c>: a duration from when the timer is created.</summary>
    Duration,

    /// <summary><c>timeCycle</c>: a repetition such as <c>R3/P2D</c> or <c>R/P14D</c>.</summary>
    Cycle,
}
