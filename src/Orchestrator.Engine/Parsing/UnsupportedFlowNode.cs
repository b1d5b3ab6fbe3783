using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Parsing;

/// <summary>
/// A stand-in for an element the engine does not support (a complex gateway, a signal event…). The
/// parser reports it as an <c>unsupported-element</c> error and keeps this placeholder so that the
/// flows around it still connect and validation does not report follow-on noise. A file containing
/// one never parses successfully, so the runtime never meets it.
/// </summary>
internal sealed class UnsupportedFlowNode : Activity
{
    public required string ElementName { get; init; }

    public override string Kind => ElementName;
}
