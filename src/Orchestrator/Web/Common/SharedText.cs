namespace Orchestrator.Web.Common;

/// <summary>
/// The words every page shares (layout, navigation, dates in words, common buttons): <c>SharedText.resx</c> (es-MX,
/// the neutral language) and <c>SharedText.en.resx</c>. Each area of the workspace has a resource class like this one
/// beside its pages.
/// </summary>
public sealed class SharedText;
