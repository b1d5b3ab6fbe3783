namespace Orchestrator.Workflows;

/// <summary>
/// The words of the task list's query parameters, as the API, the inbox page's address and saved views write them:
/// <c>view</c> = <c>all</c>, <c>assigned-to-me</c>, <c>my-groups</c>, <c>overdue</c>, <c>due-today</c>,
/// <c>due-this-week</c>; <c>sort</c> = <c>due</c>, <c>created</c>, <c>name</c>.
/// </summary>
public static class InboxParameters
{
    private static readonly (InboxView View, string Name)[] Views =
    [
        (InboxView.All, "all"), (InboxView.AssignedToMe, "assigned-to-me"), (InboxView.MyGroups, "my-groups"),
        (InboxView.Overdue, "overdue"), (InboxView.DueToday, "due-today"), (InboxView.DueThisWeek, "due-this-week"),
    ];

    private static readonly (TaskSort Sort, string Name)[] Sorts = [(TaskSort.Due, "due"), (TaskSort.Created, "created"), (TaskSort.Name, "name")];

    /// <summary>Every view, in the order the inbox shows them.</summary>
    public static IReadOnlyList<InboxView> AllViews { get; } = [.. Views.Select(v => v.View)];

    /// <summary>Every order.</summary>
    public static IReadOnlyList<TaskSort> AllSorts { get; } = [.. Sorts.Select(s => s.Sort)];

    /// <summary>The parameter word of a view.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The word.</returns>
    public static string Name(InboxView view) => Views.First(v => v.View == view).Name;

    /// <summary>The parameter word of an order.</summary>
    /// <param name="sort">The order.</param>
    /// <returns>The word.</returns>
    public static string Name(TaskSort sort) => Sorts.First(s => s.Sort == sort).Name;

    /// <summary>Reads a view; <c>null</c> or empty is <see cref="InboxView.All"/>.</summary>
    /// <param name="text">The word.</param>
    /// <param name="view">The view.</param>
    /// <returns>Whether the word names a view.</returns>
    public static bool TryParseView(string? text, out InboxView view)
    {
        view = InboxView.All;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var (v, name) in Views)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                view = v;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an order; <c>null</c> or empty is <see cref="TaskSort.Due"/>.</summary>
    /// <param name="text">The word.</param>
    /// <param name="sort">The order.</param>
    /// <returns>Whether the word names an order.</returns>
    public static bool TryParseSort(string? text, out TaskSort sort)
    {
        sort = TaskSort.Due;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var (s, name) in Sorts)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                sort = s;
                return true;
            }
        }

        return false;
    }

    /// <summary>What a wrong <c>view</c> should have been, for a 400.</summary>
    public static string ViewChoices => string.Join(", ", Views.Select(v => v.Name));

    /// <summary>What a wrong <c>sort</c> should have been, for a 400.</summary>
    public static string SortChoices => string.Join(", ", Sorts.Select(s => s.Name));
}
