namespace Orchestrator.Forms;

/// <summary>
/// A node of the tree of data paths a form can produce: open (an object some fields write into),
/// closed (one field's value) or repeatable (a dynamic list: an array of items, each an object).
/// </summary>
internal sealed class BindingNode
{
    public Dictionary<string, BindingNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The value field bound here (a closed node).</summary>
    public FormComponent? Field { get; set; }

    /// <summary>The dynamic list bound here (a repeatable node).</summary>
    public FormComponent? Repeater { get; set; }

    /// <summary>The paths inside each item of <see cref="Repeater"/>.</summary>
    public BindingNode? Item { get; set; }

    /// <summary>The first component that claimed this node, for conflict messages.</summary>
    public FormComponent? ClaimedBy { get; set; }
}
