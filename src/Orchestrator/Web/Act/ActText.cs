namespace Orchestrator.Web.Act;

/// <summary>The words of the outside person's page (<c>ActText.resx</c> Spanish, <c>ActText.en.resx</c> English).</summary>
public sealed class ActText;
