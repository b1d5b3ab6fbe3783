namespace Orchestrator.Tasks;

/// <summary>A saved inbox view as its owner and the members of the group it is shared with see it.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Filters">What it shows.</param>
/// <param name="OwnerId">Who made it.</param>
/// <param name="OwnerName">Who, by name.</param>
/// <param name="SharedWithGroup">The group it is shared with, or <c>null</c>.</param>
/// <param name="IsOwn">Whether the asker made it (and so may change it).</param>
public sealed record SavedInboxView(Guid Id, string Name, InboxFilters Filters, string OwnerId, string OwnerName, string? SharedWithGroup, bool IsOwn)
{
    /// <summary>How many tasks it holds for the asker now, when asked for.</summary>
    public int? Count { get; init; }
}
