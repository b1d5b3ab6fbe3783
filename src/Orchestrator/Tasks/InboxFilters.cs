using Orchestrator.Workflows;

namespace Orchestrator.Tasks;

/// <summary>What a saved inbox view stands for: the inbox's filters and order, as the inbox's address writes them.</summary>
/// <param name="View">The view (<see cref="InboxParameters"/>: <c>all</c>, <c>assigned-to-me</c>, …), or <c>null</c> for all.</param>
/// <param name="Sort">The order (<c>due</c>, <c>created</c>, <c>name</c>), or <c>null</c> for due.</param>
/// <param name="Journey">Only this journey (process id).</param>
/// <param name="Case">Only this case reference.</param>
/// <param name="Group">Only tasks offered to this group.</param>
public sealed record InboxFilters(string? View, string? Sort, string? Journey, string? Case, string? Group)
{
    /// <summary>No filter: the whole inbox in due order.</summary>
    public static InboxFilters None { get; } = new(null, null, null, null, null);

    /// <summary>The task list query of these filters (a view or order the list does not know reads as the default).</summary>
    /// <param name="limit">The page size.</param>
    /// <returns>The query.</returns>
    public TaskQuery ToQuery(int limit = TaskQuery.MaxLimit)
    {
        _ = InboxParameters.TryParseView(View, out var view);
        _ = InboxParameters.TryParseSort(Sort, out var sort);
        return new TaskQuery(CandidateGroup: Blank(Group))
        {
            Limit = limit,
            View = view,
            Sort = sort,
            ProcessId = Blank(Journey),
            BusinessKey = Blank(Case),
        };
    }

    /// <summary>The filters with blanks as <c>null</c> and words trimmed, the view and order in their canonical words (default ones left out).</summary>
    /// <returns>The normalised filters.</returns>
    /// <exception cref="ArgumentException">A view or order the inbox does not know (the message names the field).</exception>
    public InboxFilters Normalised()
    {
        if (!InboxParameters.TryParseView(View, out var view))
        {
            throw new ArgumentException($"filters.view: '{View}' is not a view; use one of {InboxParameters.ViewChoices}.", nameof(View));
        }

        if (!InboxParameters.TryParseSort(Sort, out var sort))
        {
            throw new ArgumentException($"filters.sort: '{Sort}' is not an order; use one of {InboxParameters.SortChoices}.", nameof(Sort));
        }

        return new InboxFilters(view == InboxView.All ? null : InboxParameters.Name(view), sort == TaskSort.Due ? null : InboxParameters.Name(sort),
            Blank(Journey), Blank(Case), Blank(Group));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
