namespace Orchestrator.Workflows;

/// <summary>How many tasks each part of an inbox holds, with the same filters (journey, case, group) as the list.</summary>
/// <param name="All">Every task of the person (<see cref="InboxView.All"/>).</param>
/// <param name="AssignedToMe">Assigned to them.</param>
/// <param name="MyGroups">Unclaimed, offered to their groups.</param>
/// <param name="Overdue">Past their deadline.</param>
/// <param name="DueToday">Due by the end of today.</param>
/// <param name="DueThisWeek">Due by the end of the week.</param>
public sealed record InboxCounts(int All, int AssignedToMe, int MyGroups, int Overdue, int DueToday, int DueThisWeek)
{
    /// <summary>The count of one view.</summary>
    /// <param name="view">The view.</param>
    /// <returns>Its count.</returns>
    public int Of(InboxView view) => view switch
    {
        InboxView.AssignedToMe => AssignedToMe,
        InboxView.MyGroups => MyGroups,
        InboxView.Overdue => Overdue,
        InboxView.DueToday => DueToday,
        InboxView.DueThisWeek => DueThisWeek,
        _ => All,
    };
}
