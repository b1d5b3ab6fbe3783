namespace Orchestrator.Web.Cases;

/// <summary>A step of family tracing as the case file's form posts it.</summary>
public sealed class TracingForm
{
    /// <summary><c>yes</c> or <c>no</c>.</summary>
    public string? FamilyFound { get; set; }

    /// <summary>Where (required when found).</summary>
    public string? FamilyLocation { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
}
