namespace Orchestrator.Cases.CaseFiles;

/// <summary>One line of a case's timeline: a change of the case file or a step of one of its journeys.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What happened (<see cref="CaseTimelineKinds"/>); the pages word it in their language.</param>
/// <param name="Subject">What it is about: a task's or timer's name, a phase, a measure, a document's title.</param>
/// <param name="Detail">A code the pages may word: the previous phase or placement, a programme, a right, a category.</param>
/// <param name="Note">Free text recorded with it (a reason, circumstances), shown as written.</param>
/// <param name="By">Who (a person's display name, a program's key name, <c>system</c>), when known.</param>
/// <param name="InstanceId">The journey instance, for a step of a journey.</param>
/// <param name="Journey">That journey's name as drawn.</param>
public sealed record CaseTimelineEntry(DateTimeOffset At, string Kind, string? Subject, string? Detail, string? Note, string? By, string? InstanceId, string? Journey);
