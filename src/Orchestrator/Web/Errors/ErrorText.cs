namespace Orchestrator.Web.Errors;

/// <summary>The words of the error pages (<c>ErrorText.resx</c>: es-MX; <c>ErrorText.en.resx</c>).</summary>
public sealed class ErrorText;
