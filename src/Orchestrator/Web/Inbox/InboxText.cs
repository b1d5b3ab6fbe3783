namespace Orchestrator.Web.Inbox;

/// <summary>The words of the inbox (<c>InboxText.resx</c>: es-MX; <c>InboxText.en.resx</c>).</summary>
public sealed class InboxText;
