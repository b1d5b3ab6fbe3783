namespace Orchestrator.Web.Cases;

/// <summary>A life-plan objective as the case file's form posts it.</summary>
public sealed class ObjectiveForm
{
    /// <summary>The programme.</summary>
    public string? Programme { get; set; }

    /// <summary>The horizon.</summary>
    public string? Horizon { get; set; }

    /// <summary>The objective.</summary>
    public string? Description { get; set; }
}
