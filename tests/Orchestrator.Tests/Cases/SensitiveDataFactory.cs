using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The real service (<see cref="ApiFactory"/>) with <c>Cases/Fixtures/sensitive.bpmn</c> deployed beside the API
/// fixtures, and the real <c>workflows/forms/luna-assessment.form</c> (whose fields carry the sensitive marks).
/// </summary>
public sealed class SensitiveDataFactory : ApiFactory
{
    public SensitiveDataFactory()
    {
        File.Copy(Path.Combine(RepositoryRoot, "tests", "Orchestrator.Tests", "Cases", "Fixtures", "sensitive.bpmn"), Path.Combine(WorkflowsDirectory, "sensitive.bpmn"));
        File.Copy(Path.Combine(RepositoryRoot, "workflows", "forms", "luna-assessment.form"), Path.Combine(WorkflowsDirectory, "forms", "luna-assessment.form"));
    }
}
