using Orchestrator.Engine.Model;

namespace Orchestrator.Supervision;

/// <summary>
/// Names what a timer or task stands for in the care model, in words, from the journey's element names: a boundary
/// timer by the activity it watches ("First reception (at most 45 days) — day 45: limit reached"), a timer inside a
/// sub-process by that sub-process ("Fortnightly life-plan evaluation — every fortnight"), a task by its own name. An
/// element without a name is named by its id, so nothing shows blank.
/// </summary>
public static class DeadlineNames
{
    /// <summary>An element's own name, or its id.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The words.</returns>
    public static string Label(FlowElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return string.IsNullOrWhiteSpace(element.Name) ? element.Id : element.Name.Trim();
    }

    /// <summary>A pending timer in words: what it watches, then its own name.</summary>
    /// <param name="process">The journey version the timer belongs to (<c>null</c> when it is not loaded).</param>
    /// <param name="elementId">The timer event's id.</param>
    /// <returns>The words.</returns>
    public static string Timer(ProcessDefinition? process, string elementId)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        if (process?.FindNode(elementId) is not { } node)
        {
            return elementId;
        }

        FlowNode? context = node is BoundaryEvent boundary ? boundary.AttachedTo : node.Parent;
        return context is null ? Label(node) : $"{Label(context)} — {Label(node)}";
    }

    /// <summary>An element in words (a task, an activity): its own name.</summary>
    /// <param name="process">The journey version (<c>null</c> when it is not loaded).</param>
    /// <param name="elementId">The element id.</param>
    /// <returns>The words.</returns>
    public static string Element(ProcessDefinition? process, string elementId)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        return process?.FindNode(elementId) is { } node ? Label(node) : elementId;
    }
}
