namespace Orchestrator.Web.Tasks;

/// <summary>The words of the task pages and of group and phase names (<c>TasksText.resx</c>: es-MX; <c>TasksText.en.resx</c>).</summary>
public sealed class TasksText;
