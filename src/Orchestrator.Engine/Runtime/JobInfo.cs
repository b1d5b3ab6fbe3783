namespace Orchestrator.Engine.Runtime;

/// <summary>A job for a handler.</summary>
/// <param name="Id">The job id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The task element.</param>
/// <param name="Type">The handler type (<c>orc:type</c>; for send tasks without one, <see cref="JobHandlerRegistry.SendType"/>).</param>
/// <param name="Kind">Service or send.</param>
/// <param name="Retries">Attempts left, this one included.</param>
/// <param name="Due">Not before this time.</param>
public sealed record JobInfo(string Id, string InstanceId, string ElementId, string Type, JobKind Kind, int Retries, DateTimeOffset Due);
