namespace Orchestrator.Engine.Runtime;

/// <summary>
/// Keeps each state as its JSON document only, so that every command starts from a deserialised state: running a
/// scenario on this store proves the state document carries everything (the round-trip property).
/// </summary>
public sealed class SerializingInstanceStore : IProcessInstanceStore
{
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    /// <inheritdoc/>
    public IReadOnlyList<string> InstanceIds => _ids;

    /// <summary>The largest document saved so far, in characters.</summary>
    public int LargestDocument { get; private set; }

    /// <summary>The stored document of an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    public string? Document(string instanceId) => _documents.GetValueOrDefault(instanceId);

    /// <inheritdoc/>
    public ProcessInstanceState? Load(string instanceId) =>
        _documents.TryGetValue(instanceId, out var json) ? ProcessInstanceState.FromJson(json) : null;

    /// <inheritdoc/>
    public void Save(ProcessInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = state.ToJson();
        LargestDocument = Math.Max(LargestDocument, json.Length);
        if (_documents.TryAdd(state.Id, json))
        {
            _ids.Add(state.Id);
        }
        else
        {
            _documents[state.Id] = json;
        }
    }
}
