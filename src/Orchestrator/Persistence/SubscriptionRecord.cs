namespace Orchestrator.Persistence;

/// <summary>An open message subscription (table <c>message_subscriptions</c>).</summary>
public sealed class SubscriptionRecord
{
    /// <summary>The subscription id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The catching element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The message name.</summary>
    public string MessageName { get; set; } = "";

    /// <summary>The correlation key; <c>null</c> accepts any.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>When it opened.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
