namespace Orchestrator.Cases.CaseFiles;

/// <summary>What registering a detected child did.</summary>
/// <param name="CaseId">The new case's id.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="InstanceId">The <c>child-journey</c> instance started for it; <c>null</c> when it could not start (see <paramref name="JourneyProblem"/>).</param>
/// <param name="FirstTask">The journey's first open task (the referral, due within the detection window), if any.</param>
/// <param name="JourneyProblem">Why the journey did not start (the case file stays open and the journey can be started from it).</param>
public sealed record RegisteredChild(string CaseId, string Reference, string? InstanceId, CaseOpenTask? FirstTask, string? JourneyProblem);
