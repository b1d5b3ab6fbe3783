namespace Orchestrator.Engine.Runtime;

/// <summary>Where instance states live between commands. The host's implementation is its database.</summary>
public interface IProcessInstanceStore
{
    /// <summary>Loads an instance's state, or <c>null</c>.</summary>
    /// <param name="instanceId">The instance id.</param>
    ProcessInstanceState? Load(string instanceId);

    /// <summary>Saves an instance's state after a command.</summary>
    /// <param name="state">The state.</param>
    void Save(ProcessInstanceState state);

    /// <summary>Every instance id, in creation order.</summary>
    IReadOnlyList<string> InstanceIds { get; }
}
