using Orchestrator.Engine.Runtime;

namespace Orchestrator.Notifications.Effects;

/// <summary>A job handler the notifications add to the engine's <see cref="JobHandlerRegistry"/> when the host starts.</summary>
/// <param name="Type">The job type (<c>send</c>, <c>letter</c>).</param>
/// <param name="Handler">The handler.</param>
public sealed record NotificationJobHandler(string Type, IJobHandler Handler);
