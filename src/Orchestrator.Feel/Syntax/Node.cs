using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// A node of the immutable syntax tree; evaluation walks the tree. Nodes hold no per-evaluation
/// state, so one tree serves any number of threads.
/// </summary>
internal abstract class Node(int position)
{
    /// <summary>Offset of the node's first character in the text.</summary>
    public int Position { get; } = position;

    public abstract FeelValue Eval(EvalState s, Scope scope);

    public virtual IEnumerable<Node> Children => [];

    /// <summary>Whether the node may be replaced by its value when all its children are literals.</summary>
    public virtual bool Foldable => false;
}
