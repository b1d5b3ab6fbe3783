namespace Orchestrator.Web.Common;

/// <summary>One entry of the workspace's navigation.</summary>
/// <param name="Path">Where it leads (<c>/</c>, <c>/cases</c>, …).</param>
/// <param name="Text">Its words in the page's language.</param>
/// <param name="Current">Whether the page shown belongs to it (marked <c>aria-current="page"</c>).</param>
public sealed record NavigationLink(string Path, string Text, bool Current);
