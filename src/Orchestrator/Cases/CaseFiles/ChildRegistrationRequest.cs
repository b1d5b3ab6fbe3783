namespace Orchestrator.Cases.CaseFiles;

/// <summary>A detected child to register (<c>POST /api/cases/registrations</c>, the page <c>/cases/new</c>).</summary>
public sealed record ChildRegistrationRequest
{
    /// <summary>The child, as <c>POST /api/cases</c> takes it (given names and nationality required).</summary>
    public NewCaseRequest? Child { get; init; }

    /// <summary>The consulate the journey would ask about an assisted return (<c>GET /api/consulates</c>); default: the one of the child's nationality, if the directory has it.</summary>
    public string? ConsulateId { get; init; }
}
