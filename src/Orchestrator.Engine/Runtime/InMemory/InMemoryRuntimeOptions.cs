namespace Orchestrator.Engine.Runtime;

/// <summary>Settings of an <see cref="InMemoryWorkflowRuntime"/>.</summary>
public sealed class InMemoryRuntimeOptions
{
    /// <summary>Where the virtual clock starts.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Keep states only as JSON documents, so every command runs on a deserialised state.</summary>
    public bool RoundTripState { get; init; }

    /// <summary>Engine settings.</summary>
    public EngineOptions? Engine { get; init; }

    /// <summary>Keep every history event in <see cref="InMemoryWorkflowRuntime.History"/> (off for benchmarks).</summary>
    public bool KeepHistory { get; init; } = true;

    /// <summary>What jobs of unregistered types do: <c>true</c> completes them with no output (as <c>simulate</c> does), <c>false</c> fails them.</summary>
    public bool CompleteUnknownJobs { get; init; } = true;
}
