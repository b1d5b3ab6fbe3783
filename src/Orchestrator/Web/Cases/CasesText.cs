namespace Orchestrator.Web.Cases;

/// <summary>The words of the case pages (<c>CasesText.resx</c> Spanish, <c>CasesText.en.resx</c> English).</summary>
public sealed class CasesText;
