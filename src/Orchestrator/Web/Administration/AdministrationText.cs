namespace Orchestrator.Web.Administration;

/// <summary>The words of the administration pages (<c>AdministrationText.resx</c> in Spanish, <c>AdministrationText.en.resx</c> in English).</summary>
public sealed class AdministrationText
{
}
