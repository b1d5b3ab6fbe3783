using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>The BPMN files and forms the end-to-end tests deploy (written to the service's <c>workflows/</c> folder).</summary>
internal static class E2eWorkflows
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:tests:e2e" id="Defs_ID">
        """;

    private static string Head(string id) => Header.Replace("Defs_ID", "Defs_" + id, StringComparison.Ordinal);

    /// <summary>How long after the first task is completed the reminder on the second fires.</summary>
    public static readonly TimeSpan ReminderDelay = TimeSpan.FromSeconds(8);

    /// <summary>
    /// <c>E2eLoad</c>: start → <c>Task_First</c> (social-worker) → <c>Task_Second</c> (educator) → end, with a
    /// non-interrupting reminder timer (<see cref="ReminderDelay"/>) on <c>Task_Second</c> that leads to
    /// <c>End_Reminded</c>: after it fired the instance still waits in <c>Task_Second</c>.
    /// </summary>
    public static string Load => Head("Load") + $"""

          <bpmn:process id="E2eLoad" name="Load (end-to-end tests)" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_First" name="First" orc:candidateGroups="social-worker" />
            <bpmn:userTask id="Task_Second" name="Second" orc:candidateGroups="educator" />
            <bpmn:boundaryEvent id="Timer_Reminder" name="Reminder" attachedToRef="Task_Second" cancelActivity="false">
              <bpmn:timerEventDefinition id="TimerDef_Reminder"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT{(int)ReminderDelay.TotalSeconds}S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="End_Reminded" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_First" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_First" targetRef="Task_Second" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Second" targetRef="End" />
            <bpmn:sequenceFlow id="F4" sourceRef="Timer_Reminder" targetRef="End_Reminded" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary><c>E2eSimple</c>: start → <c>Task_A</c> (social-worker) → <c>Task_B</c> (educator) → end.</summary>
    public static string Simple => Head("Simple") + """

          <bpmn:process id="E2eSimple" name="Two tasks (end-to-end tests)" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_A" name="A" orc:candidateGroups="social-worker" />
            <bpmn:userTask id="Task_B" name="B" orc:candidateGroups="educator" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_A" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_A" targetRef="Task_B" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_B" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// <c>E2eVisits</c>: start → <c>Task_Visits</c> (psychologist, form <c>family-visits</c>) → end. The form is
    /// <c>tests/Orchestrator.Tests/Forms/Schemas/family-visits.form</c>.
    /// </summary>
    public static string Visits => VisitsWith("");

    /// <summary><see cref="Visits"/> with more XML inside the process (a new version of it).</summary>
    /// <param name="extra">Elements to add.</param>
    public static string VisitsWith(string extra) => Head("Visits") + $"""

          <bpmn:process id="E2eVisits" name="Family visits (end-to-end tests)" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_Visits" name="Record the family visits" orc:candidateGroups="psychologist" orc:formKey="family-visits" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Visits" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Visits" targetRef="End" />{extra}
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>The form-js schema <c>family-visits</c>.</summary>
    public static string FamilyVisitsForm => File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Forms", "Schemas", "family-visits.form"));

    /// <summary>
    /// A process whose gateway has two outgoing flows, <c>F_Yes</c> with a JUEL condition and <c>F_No</c> with none:
    /// <paramref name="juel"/> true → <c>juel-expression</c> on <c>F_Yes</c>; false → both flows lack a condition
    /// (<c>missing-condition</c>).
    /// </summary>
    /// <param name="processId">The process id.</param>
    /// <param name="juel">Whether <c>F_Yes</c> carries <c>${approved}</c>.</param>
    public static string Gateway(string processId, bool juel) => Head(processId) + $$"""

          <bpmn:process id="{{processId}}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:exclusiveGateway id="Gateway_Decide" />
            <bpmn:endEvent id="End_Yes" />
            <bpmn:endEvent id="End_No" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gateway_Decide" />
            <bpmn:sequenceFlow id="F_Yes" sourceRef="Gateway_Decide" targetRef="End_Yes">{{(juel ? "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${approved}</bpmn:conditionExpression>" : "")}}</bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F_No" sourceRef="Gateway_Decide" targetRef="End_No" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
