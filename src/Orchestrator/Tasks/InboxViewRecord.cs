namespace Orchestrator.Tasks;

/// <summary>
/// A saved inbox view (table <c>inbox_views</c>): a name, the filters and order it stands for, its owner, and the
/// group it is shared with (whose members see it; only the owner changes it).
/// </summary>
public sealed class InboxViewRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>Who made it (account id).</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>Its name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The group (role) it is shared with, or <c>null</c>.</summary>
    public string? SharedWithGroup { get; set; }

    /// <summary>The filters, as JSON (<see cref="InboxFilters"/>).</summary>
    public string Filters { get; set; } = "{}";

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
