using Orchestrator.Engine.Model;
using Orchestrator.Workflows;

namespace Orchestrator.Supervision;

/// <summary>
/// The sequence flows an instance has taken, derived from its history: the engine records <c>ElementStarted</c> and
/// <c>ElementCompleted</c> events but no "flow taken" event, so each start of an element is traced back to the incoming
/// flow whose source completed last before it (the engine leaves an element and enters the next in the same step); a
/// joining parallel or inclusive gateway takes every incoming flow whose source completed since the gateway last
/// started. This is the one place that knows it: when the engine records taken flows, only this class changes. What the
/// rule cannot tell apart is in <c>Supervision/README.md</c>.
/// </summary>
public static class TakenFlows
{
    /// <summary>The history type of an element's start.</summary>
    public const string ElementStarted = "ElementStarted";

    /// <summary>The history type of an element's completion.</summary>
    public const string ElementCompleted = "ElementCompleted";

    /// <summary>The completed elements and the taken flows of an instance.</summary>
    /// <param name="process">The journey version the instance runs.</param>
    /// <param name="history">Its history (any order; the sequence orders it).</param>
    /// <returns>The path, each list in id order.</returns>
    public static InstancePath Derive(ProcessDefinition process, IEnumerable<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(history);
        var completions = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var starts = new List<(string Element, long Sequence)>();
        foreach (var entry in history.OrderBy(h => h.Sequence))
        {
            if (entry.ElementId is not { } element || !process.AllElements.ContainsKey(element))
            {
                continue;
            }

            if (entry.Type == ElementCompleted)
            {
                (completions.TryGetValue(element, out var list) ? list : completions[element] = []).Add(entry.Sequence);
            }
            else if (entry.Type == ElementStarted)
            {
                starts.Add((element, entry.Sequence));
            }
        }

        var taken = new SortedSet<string>(StringComparer.Ordinal);
        var previousStart = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (element, sequence) in starts)
        {
            if (process.FindNode(element) is not { Incoming.Count: > 0 } target)
            {
                previousStart[element] = sequence;
                continue;
            }

            var since = previousStart.GetValueOrDefault(element, long.MinValue);
            previousStart[element] = sequence;
            var arrived = target.Incoming
                .Select(flow => (Flow: flow, Completed: LastBefore(completions.GetValueOrDefault(flow.Source.Id), sequence)))
                .Where(x => x.Completed is not null)
                .ToList();
            if (arrived.Count == 0)
            {
                continue;
            }

            if (target is ParallelGateway or InclusiveGateway && target.Incoming.Count > 1)
            {
                foreach (var (flow, _) in arrived.Where(x => x.Completed > since))
                {
                    taken.Add(flow.Id);
                }
            }
            else
            {
                taken.Add(arrived.MaxBy(x => x.Completed)!.Flow.Id);
            }
        }

        var completed = completions.Keys.Order(StringComparer.Ordinal).ToList();
        return new InstancePath(completed, [.. taken]);
    }

    /// <summary>The last of ascending <paramref name="sequences"/> before <paramref name="sequence"/>.</summary>
    private static long? LastBefore(List<long>? sequences, long sequence)
    {
        if (sequences is null)
        {
            return null;
        }

        long? last = null;
        foreach (var s in sequences)
        {
            if (s >= sequence)
            {
                break;
            }

            last = s;
        }

        return last;
    }
}
