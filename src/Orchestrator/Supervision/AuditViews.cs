#pragma warning disable SA1402, SA1649 // a family of small records: the audit trail's query, entry and page.
namespace Orchestrator.Supervision;

/// <summary>Which audit rows to read: filters (all optional) and the page.</summary>
public sealed record AuditQuery
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only rows about this case: its journeys' instances, and reads of its file.</summary>
    public string? CaseReference { get; init; }

    /// <summary>Only rows of this person or program (user id, or <c>apikey:NAME</c>).</summary>
    public string? UserId { get; init; }

    /// <summary>From this day on (the organisation's time zone).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Up to this day, included (the organisation's time zone).</summary>
    public DateOnly? To { get; init; }

    /// <summary>The previous page's <see cref="AuditPage.Next"/>.</summary>
    public string? After { get; init; }

    /// <summary>At most this many rows (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>
/// One audit row: who read or changed what, when. It never carries a value (a variable's, a form's or a case field's):
/// only the names of what was touched, so that no export shows data a reader could not open.
/// </summary>
/// <param name="Sequence">The history sequence (the row's id).</param>
/// <param name="At">When.</param>
/// <param name="Type">What happened (<c>CaseRead</c>, <c>TaskCompleted</c>, <c>VariablesSet</c>, <c>StaffLocked</c>…).</param>
/// <param name="UserId">Who (user id or <c>apikey:NAME</c>).</param>
/// <param name="CaseReference">The case it concerns, when it concerns one.</param>
/// <param name="InstanceId">The journey instance, when it concerns one.</param>
/// <param name="ElementId">The element, for engine events.</param>
/// <param name="Subject">What was touched, by name: variable names, the account's user name, a search's reference.</param>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Type, string? UserId, string? CaseReference, string? InstanceId, string? ElementId, string? Subject);

/// <summary>One page of the audit, newest first.</summary>
/// <param name="Entries">The rows.</param>
/// <param name="Next">The cursor of the next (older) page, or <c>null</c>.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);
