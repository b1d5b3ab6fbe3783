using Orchestrator.Engine.Model;
using Orchestrator.Engine.Tests.Parsing;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Tests.Interchange;

/// <summary>
/// <c>validate</c> over the checked-in sample of files from other modelers (<c>Fixtures/Interchange</c>, described in
/// its README), each validated alone as a designer would: every file's outcome is written here, valid or the exact
/// errors at the exact elements, so a crash, a wrong refusal or a problem said twice fails the test.
/// </summary>
public sealed class InterchangeSampleTests
{
    private const string Folder = "Interchange";

    /// <summary>File → its errors as <c>element-id code</c>, in any order (warnings do not refuse a file and are not listed).</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        // Written for these tests, one construct each.
        ["activiti-namespace.bpmn"] = [],
        ["encoding-windows-1252.bpmn"] = [],
        ["qname-references.bpmn"] = [],
        ["resource-assignment.bpmn"] = [],
        ["shared-event-definitions.bpmn"] = [],
        ["compensation-event-subprocess.bpmn"] = ["Start_Compensate unsupported-element"],
        ["xpath-expression-language.bpmn"] = ["Flow_Approved unsupported-script-format", "Flow_Refused unsupported-script-format"],
        ["camunda7-said-once.bpmn"] =
        [
            "Task_Delegate java-required", "Task_External unsupported-attribute", "Task_Class java-required",
            "Task_Groovy unsupported-script-format", "Task_Listener unsupported-extension", "Task_Each juel-expression",
            "Timer_Juel juel-expression", "Flow_Juel juel-expression", "Flow_Deferred juel-expression", "Flow_Empty missing-condition",
        ],

        // From the BPMN MIWG test suite, unchanged.
        ["miwg-reference-A.1.0.bpmn"] = [],
        ["miwg-bpmn-io-A.4.0-export.bpmn"] = [],
        ["miwg-enterprise-architect-A.1.0-roundtrip.bpmn"] = [],
        ["miwg-genmymodel-A.4.0-export.bpmn"] = [],
        ["miwg-genmymodel-C.1.0-export.bpmn"] = ["- xml-malformed"], // declares UTF-8, holds Windows-1252 bytes
        ["miwg-ibm-process-designer-A.3.0-export.bpmn"] =
        [
            // Drawn, not configured for execution: tasks without handlers, message events without a message.
            "bpmnid-53d140a1-b6a3-409f-9d25-577993c363ce service-task-type-missing", "bpmnid-a15b91b7-3de5-4082-9fab-f8cfd8b9d951 service-task-type-missing",
            "bpmnid-54b7dce8-4500-4a74-8a01-bf2fbb4eb429 service-task-type-missing", "bpmnid-a91e2fcc-68fa-490b-9d83-1eae7bfa6fdc service-task-type-missing",
            "bpmnid-23a1f4c5-4f22-44fc-b2d9-edb5df0dd032 message-missing", "bpmnid-f045fce0-7ea6-471a-80e1-b6c60ca7baf8 message-missing",
        ],
        ["miwg-mid-innovator-A.3.0-export.bpmn"] =
        [
            // A sub-process drawn empty, and a boundary message event (a shared definition) without a message.
            "_1ae31d1b-2559-4f78-a3ec-47986a49db48 subprocess-start-event", "_428dcbf5-8e5e-48e0-9c0c-d93003fa8c82 message-missing",
        ],
        ["miwg-w4-C.1.1-export.bpmn"] =
        [
            // Camunda 7 JUEL and Java, and XPath conditions (the file's expressionLanguage).
            "approveInvoice juel-expression", "archiveInvoice java-required",
            "invoiceApproved unsupported-script-format", "invoiceNotApproved unsupported-script-format",
            "reviewSuccessful unsupported-script-format", "reviewNotSuccessful unsupported-script-format",
        ],
    };

    public static TheoryData<string> Files() => [.. Expected.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_file_of_the_sample_has_its_expected_outcome_written_here()
    {
        var folder = Path.GetDirectoryName(BpmnFixtures.PathOf(Folder, "README.md"))!;
        var onDisk = Directory.EnumerateFiles(folder, "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal).ToArray(), onDisk);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_refuses_exactly_what_the_file_gets_wrong_each_once(string file)
    {
        var problems = ValidationReport.ValidateFiles([BpmnFixtures.PathOf(Folder, file)], new FeelEngine());

        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.ElementId} {p.Code}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Expected[file].Order(StringComparer.Ordinal).ToArray(), errors);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }
}
