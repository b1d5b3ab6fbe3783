#pragma warning disable SA1402, SA1649 // a family of small records: the request and response bodies of the designer's API.
using System.Text.Json.Nodes;

namespace Orchestrator.Designer;

/// <summary>Who saved a draft last, and its revision.</summary>
/// <param name="ProcessId">The process the draft is for.</param>
/// <param name="Revision">The revision a next save must name.</param>
/// <param name="BaseVersion">The deployed version it started from, or <c>null</c>.</param>
/// <param name="UpdatedBy">Who saved it last.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record DraftSummary(string ProcessId, int Revision, int? BaseVersion, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>A draft as the designer loads it.</summary>
/// <param name="ProcessId">The process the draft is for.</param>
/// <param name="BaseVersion">The deployed version it started from, or <c>null</c>.</param>
/// <param name="Xml">The BPMN XML.</param>
/// <param name="Forms">The forms edited in the draft (key → form-js schema).</param>
/// <param name="Scenarios">The scenarios (name → scenario).</param>
/// <param name="Revision">The revision a next save must name.</param>
/// <param name="UpdatedBy">Who saved it last.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record DraftView(string ProcessId, int? BaseVersion, string Xml, JsonObject Forms, JsonObject Scenarios, int Revision, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>A save of a draft: the whole draft, and the revision the copy was loaded at (0 to create one).</summary>
/// <param name="Xml">The BPMN XML.</param>
/// <param name="Forms">The forms edited in the draft (key → form-js schema).</param>
/// <param name="Scenarios">The scenarios (name → scenario).</param>
/// <param name="Revision">The revision the saved copy was loaded at; 0 for a new draft.</param>
/// <param name="BaseVersion">For a new draft, the deployed version it starts from.</param>
public sealed record DraftSave(string Xml, JsonObject? Forms, JsonObject? Scenarios, int Revision, int? BaseVersion = null);

/// <summary>A deployed process in the designer's list.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Name">The latest version's name.</param>
/// <param name="Versions">Every version, newest first.</param>
/// <param name="Draft">The draft being worked on, or <c>null</c>.</param>
public sealed record ProcessSummary(string ProcessId, string? Name, IReadOnlyList<VersionSummary> Versions, DraftSummary? Draft);

/// <summary>One deployed version in the designer's list.</summary>
/// <param name="Version">The version.</param>
/// <param name="DeployedBy">Who deployed it.</param>
/// <param name="DeployedAt">When.</param>
/// <param name="Running">How many of its instances are running.</param>
public sealed record VersionSummary(int Version, string DeployedBy, DateTimeOffset DeployedAt, int Running);

/// <summary>A deployed version with what was deployed with it.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Version">The version.</param>
/// <param name="Xml">The BPMN XML as deployed.</param>
/// <param name="Forms">The forms it was deployed with (key → form-js schema).</param>
/// <param name="Scenarios">Its scenarios (name → scenario).</param>
/// <param name="DeployedBy">Who deployed it.</param>
/// <param name="DeployedAt">When.</param>
public sealed record VersionContent(string ProcessId, int Version, string Xml, JsonObject Forms, JsonObject Scenarios, string DeployedBy, DateTimeOffset DeployedAt);

/// <summary>A FEEL text to check.</summary>
/// <param name="Expression">The FEEL text (a leading <c>=</c> is ignored).</param>
/// <param name="UnaryTests">Whether it is unary tests rather than an expression.</param>
public sealed record FeelCheck(string Expression, bool UnaryTests = false);

/// <summary>One FEEL syntax error.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, counted in the text as sent (with its leading <c>=</c>).</param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record FeelError(int Line, int Column, string Message);

/// <summary>The result of a FEEL check.</summary>
/// <param name="Valid">Whether it parses.</param>
/// <param name="Errors">The syntax errors.</param>
public sealed record FeelCheckResult(bool Valid, IReadOnlyList<FeelError> Errors);

/// <summary>A diagram (and the forms edited with it) to validate.</summary>
/// <param name="Xml">The BPMN XML.</param>
/// <param name="Forms">The forms edited in the draft, which count as deployed.</param>
public sealed record ValidationRequest(string Xml, JsonObject? Forms = null);

/// <summary>The validator's findings.</summary>
/// <param name="Problems">Every finding; errors first.</param>
public sealed record ValidationResult(IReadOnlyList<DesignerProblem> Problems);

/// <summary>Scenarios to run against a diagram that is not deployed.</summary>
/// <param name="Xml">The BPMN XML.</param>
/// <param name="Scenarios">Name → scenario.</param>
public sealed record ScenarioRunRequest(string Xml, JsonObject Scenarios);

/// <summary>Which running instances a deploy concerns.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="ElementIds">The elements removed or changed against the deployed version.</param>
public sealed record DeployPreviewRequest(string ProcessId, IReadOnlyList<string> ElementIds);

/// <summary>How many running instances a deploy concerns (they keep their version).</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="DeployedVersion">The newest deployed version, or <c>null</c>.</param>
/// <param name="Running">Running instances per version.</param>
/// <param name="Waiting">Running instances waiting at each given element.</param>
/// <param name="WaitingInstances">Running instances waiting at any of the given elements.</param>
public sealed record DeployPreview(string ProcessId, int? DeployedVersion, IReadOnlyList<VersionCount> Running, IReadOnlyList<ElementCount> Waiting, int WaitingInstances);

/// <summary>A count per version.</summary>
/// <param name="Version">The version.</param>
/// <param name="Count">The count.</param>
public sealed record VersionCount(int Version, int Count);

/// <summary>A count per element.</summary>
/// <param name="ElementId">The element.</param>
/// <param name="Count">The count.</param>
public sealed record ElementCount(string ElementId, int Count);

/// <summary>A deploy from the designer: the diagram, the forms edited with it and the scenarios.</summary>
/// <param name="Xml">The BPMN XML.</param>
/// <param name="Forms">The forms edited (key → form-js schema); forms the diagram names that are not here deploy as they are.</param>
/// <param name="Scenarios">The scenarios (name → scenario); each must pass.</param>
/// <param name="DraftProcessId">The draft this comes from (discarded after the deploy), or <c>null</c>.</param>
/// <param name="DraftRevision">The draft's revision, which must still be current.</param>
public sealed record DeployRequest(string Xml, JsonObject? Forms, JsonObject? Scenarios, string? DraftProcessId = null, int? DraftRevision = null);

/// <summary>What a deploy did.</summary>
/// <param name="Processes">Each process with its version (new or unchanged).</param>
/// <param name="Forms">The form versions the processes were deployed with (key → version).</param>
/// <param name="Scenarios">The scenarios stored with the new versions.</param>
public sealed record DeployResult(IReadOnlyList<ProcessDeployment> Processes, IReadOnlyDictionary<string, int> Forms, IReadOnlyList<string> Scenarios);

/// <summary>One process of a deploy.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Created">Whether it is a new version.</param>
public sealed record ProcessDeployment(string ProcessId, int Version, bool Created);

/// <summary>A registered service-task handler as the designer's picker shows it.</summary>
/// <param name="Type">The name <c>orc:type</c> gives.</param>
/// <param name="Registered">Whether this service has it (a task naming a handler the service lacks fails at run time).</param>
/// <param name="Description">What it does, in the person's language.</param>
/// <param name="Inputs">The variables it reads.</param>
/// <param name="Outputs">The variables it writes.</param>
/// <param name="Errors">The BPMN error codes it throws.</param>
public sealed record HandlerView(string Type, bool Registered, string? Description, IReadOnlyList<HandlerFieldView> Inputs, IReadOnlyList<HandlerFieldView> Outputs, IReadOnlyList<string> Errors);

/// <summary>One variable a handler reads or writes.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Required">Whether the handler fails without it.</param>
/// <param name="Description">What it is, in the person's language.</param>
public sealed record HandlerFieldView(string Name, bool Required, string? Description);

/// <summary>A form to check with the server's form reader.</summary>
/// <param name="Key">The form key.</param>
/// <param name="Schema">The form-js schema.</param>
public sealed record FormCheck(string Key, JsonObject Schema);
