namespace Orchestrator.Engine.Runtime;

/// <summary>Keeps the state objects themselves.</summary>
public sealed class InMemoryInstanceStore : IProcessInstanceStore
{
    private readonly Dictionary<string, ProcessInstanceState> _states = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    /// <inheritdoc/>
    public IReadOnlyList<string> InstanceIds => _ids;

    /// <inheritdoc/>
    public ProcessInstanceState? Load(string instanceId) => _states.GetValueOrDefault(instanceId);

    /// <inheritdoc/>
    public void Save(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_states.TryAdd(state.Id, state))
        {
            _ids.Add(state.Id);
        }
        else
        {
            _states[state.Id] = state;
        }
    }
}
