namespace Orchestrator.Cases.Programmes;

/// <summary>An enrolment with the consents it still waits for.</summary>
/// <param name="Id">The enrolment.</param>
/// <param name="Programme">The programme.</param>
/// <param name="Team">The programme's team (the group its tasks go to).</param>
/// <param name="Status">Where it is.</param>
/// <param name="EnrolledAt">When the child was enrolled.</param>
/// <param name="ActivatedAt">When the consents were complete.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="MissingConsents">The consents not given yet (<c>giver: subject</c>), for an enrolment that is not active.</param>
public sealed record EnrolmentView(Guid Id, string Programme, string Team, string Status, DateTimeOffset EnrolledAt, DateTimeOffset? ActivatedAt, DateTimeOffset? EndedAt, IReadOnlyList<string> MissingConsents);
