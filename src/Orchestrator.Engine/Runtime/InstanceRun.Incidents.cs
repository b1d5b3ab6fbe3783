using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>Incidents: raising one where an element stops, and retrying it.</summary>
internal sealed partial class InstanceRun
{
    /// <summary>Stops an execution with an incident; <paramref name="resume"/> says what a retry does.</summary>
    public void AddIncident(ExecutionState e, string type, string message, string resume, string? element = null)
    {
        var inc = new IncidentState { Id = NextId(), Exec = e.Id, Element = element ?? e.Element, Type = type, Message = message, Created = Now, Resume = resume };
        S.Incidents.Add(inc);
        if (resume is not ("budget" or "none"))
        {
            e.Phase = ExecutionPhase.Incident;
        }

        R.IncidentsRaisedW.Add(new IncidentInfo(Pid(inc.Id), S.Id, inc.Element, type, message, Now));
        Hist(HistoryEventType.IncidentRaised, inc.Element, itemId: Pid(inc.Id), detail: type + ": " + message);
    }

    public void Retry(IncidentState inc)
    {
        S.Incidents.Remove(inc);
        R.IncidentsResolvedW.Add(Pid(inc.Id));
        Hist(HistoryEventType.IncidentResolved, inc.Element, itemId: Pid(inc.Id), detail: "retried");
        var e = Exec(inc.Exec);
        if (inc.Resume == "none")
        {
            // Nothing was stopped; an event sub-process start that could not be opened is opened again (the variables
            // its key or timer needs may be there now).
            if (e is not null && !e.Removed && e.Phase == ExecutionPhase.Scope && !IsInterrupted(e)
                && Def.FindNode(inc.Element) is StartEvent { Parent: SubProcess { TriggeredByEvent: true } } start)
            {
                OpenEventSubProcessStart(e, start);
            }
        }
        else if (inc.Resume == "budget")
        {
            foreach (var x in S.Executions)
            {
                if (x.Phase is ExecutionPhase.Enter or ExecutionPhase.Leave)
                {
                    Schedule(x);
                }
            }
        }
        else if (e is not null)
        {
            switch (inc.Resume)
            {
                case "leave":
                    e.Phase = ExecutionPhase.Leave;
                    Schedule(e);
                    break;
                case "complete":
                    e.Phase = ExecutionPhase.Wait;
                    Complete(e, Node(e));
                    break;
                case "job":
                    e.Phase = ExecutionPhase.Wait;
                    ServiceTaskBehavior.CreateJob(this, e, Node(e), retries: 1);
                    break;
                default:
                    e.Phase = ExecutionPhase.Enter;
                    Schedule(e);
                    break;
            }
        }

        Drain();
    }
}
