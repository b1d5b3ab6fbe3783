namespace Orchestrator.Engine.Runtime;

/// <summary>The call activity in the parent instance that started this one.</summary>
public sealed class ParentLink
{
    /// <summary>The parent instance id.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The execution number of the call activity in the parent.</summary>
    public int Execution { get; set; }

    /// <summary>The call activity's element id.</summary>
    public string ElementId { get; set; } = "";
}
