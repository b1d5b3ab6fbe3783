namespace Orchestrator.Cases;

/// <summary>A consulate (table <c>consulates</c>): the outside approver of an assisted voluntary return.</summary>
public sealed class Consulate
{
    /// <summary>Id (<c>gt-cdmx</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The country it represents.</summary>
    public string Country { get; set; } = "";

    /// <summary>City.</summary>
    public string City { get; set; } = "";

    /// <summary>Where approval requests go.</summary>
    public string Email { get; set; } = "";

    /// <summary>Phone.</summary>
    public string? Phone { get; set; }
}
