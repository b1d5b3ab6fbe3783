using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Simulation;

/// <summary>One step of a scenario; <see cref="Number"/> counts from 1.</summary>
/// <param name="Number">The step's position, as failure messages print it.</param>
public abstract record ScenarioStep(int Number)
{
    /// <summary>Completes the open user task of an element.</summary>
    /// <param name="Number">The step's position.</param>
    /// <param name="ElementId">The user task's element id.</param>
    /// <param name="Variables">The form data.</param>
    public sealed record Complete(int Number, string ElementId, JsonObject Variables) : ScenarioStep(Number);

    /// <summary>Moves the virtual clock and fires every timer that falls due, in due order.</summary>
    /// <param name="Number">The step's position.</param>
    /// <param name="Text">The duration as written.</param>
    /// <param name="Duration">The duration.</param>
    public sealed record Advance(int Number, string Text, IsoDuration Duration) : ScenarioStep(Number);

    /// <summary>Correlates a message.</summary>
    /// <param name="Number">The step's position.</param>
    /// <param name="Name">The message name.</param>
    /// <param name="CorrelationKey">The correlation key, if any.</param>
    /// <param name="Variables">The message payload.</param>
    public sealed record Message(int Number, string Name, string? CorrelationKey, JsonObject Variables) : ScenarioStep(Number);

    /// <summary>Checks the instance.</summary>
    /// <param name="Number">The step's position.</param>
    /// <param name="Expectation">What must hold.</param>
    public sealed record Expect(int Number, Expectation Expectation) : ScenarioStep(Number);
}
