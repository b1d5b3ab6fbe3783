namespace Orchestrator.Engine.Runtime;

/// <summary>An open message subscription.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="ElementId">The catching element.</param>
/// <param name="MessageName">The message name.</param>
/// <param name="CorrelationKey">The correlation key, if any.</param>
public sealed record SubscriptionInfo(string Id, string InstanceId, string ElementId, string MessageName, string? CorrelationKey);
