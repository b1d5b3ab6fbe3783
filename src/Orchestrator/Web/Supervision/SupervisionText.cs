namespace Orchestrator.Web.Supervision;

/// <summary>The words of the supervision pages (<c>SupervisionText.resx</c> in Spanish, <c>SupervisionText.en.resx</c> in English).</summary>
public sealed class SupervisionText
{
}
