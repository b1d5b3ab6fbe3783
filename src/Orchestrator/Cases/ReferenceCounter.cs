namespace Orchestrator.Cases;

/// <summary>The last number handed out per name and year (table <c>reference_counters</c>): case references, certificates.</summary>
public sealed class ReferenceCounter
{
    /// <summary><c>case</c> or <c>certificate</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The year.</summary>
    public int Year { get; set; }

    /// <summary>The last number handed out.</summary>
    public int LastNumber { get; set; }
}
