using System.Collections.Concurrent;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Runtime;

/// <summary>One deployed version of a process, with its compiled expressions cached.</summary>
public sealed class DeployedProcess
{
    private readonly ConcurrentDictionary<string, FeelParseResult> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _reachers = new(StringComparer.Ordinal);

    internal DeployedProcess(ProcessDefinition definition, int version, string contentHash, string? content, DateTimeOffset deployedAt)
    {
        Definition = definition;
        Version = version;
        ContentHash = contentHash;
        Content = content;
        DeployedAt = deployedAt;
    }

    /// <summary>The process id.</summary>
    public string ProcessId => Definition.Id;

    /// <summary>The version (1, 2, …).</summary>
    public int Version { get; }

    /// <summary>The SHA-256 of the deployed content.</summary>
    public string ContentHash { get; }

    /// <summary>The BPMN XML as deployed, when deployed from XML.</summary>
    public string? Content { get; }

    /// <summary>When it was deployed.</summary>
    public DateTimeOffset DeployedAt { get; }

    /// <summary>The model.</summary>
    public ProcessDefinition Definition { get; }

    internal FeelParseResult Compile(FeelEngine feel, string text) => _expressions.GetOrAdd(text, static (t, f) => f.Parse(t), feel);

    internal FlowNode Node(string id) => Definition.FindNode(id) ?? throw new InvalidOperationException($"The process {ProcessId} v{Version} has no element {id}.");

    /// <summary>The ids of the nodes (in the gateway's own scope) from which a token can still reach <paramref name="gateway"/>.</summary>
    internal HashSet<string> Reachers(FlowNode gateway) => _reachers.GetOrAdd(gateway.Id, static (_, g) =>
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<FlowNode>();
        foreach (var f in g.Incoming)
        {
            stack.Push(f.Source);
        }

        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!set.Add(n.Id))
            {
                continue;
            }

            foreach (var f in n.Incoming)
            {
                stack.Push(f.Source);
            }

            if (n is BoundaryEvent b)
            {
                stack.Push(b.AttachedTo);
            }
        }

        set.Remove(g.Id);
        return set;
    }, gateway);
}
