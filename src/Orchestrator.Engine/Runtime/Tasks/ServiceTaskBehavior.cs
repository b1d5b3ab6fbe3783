using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>A service task or send task: creates a job for the handler of its type and waits for its outcome.</summary>
internal sealed class ServiceTaskBehavior : NodeBehavior
{
    public override void Execute(InstanceRun run, ExecutionState e, FlowNode node)
    {
        e.Phase = ExecutionPhase.Wait;
        CreateJob(run, e, node, node switch
        {
            ServiceTask s => s.Retries,
            SendTask s => s.Retries,
            _ => 3,
        });
    }

    public static string TypeOf(FlowNode node) => node switch
    {
        ServiceTask s => s.Type ?? s.Id,
        SendTask s => s.Type ?? JobHandlerRegistry.SendType,
        _ => node.Id,
    };

    public static void CreateJob(InstanceRun run, ExecutionState e, FlowNode node, int retries)
    {
        var job = new JobState { Id = run.NextId(), Exec = e.Id, Element = node.Id, Type = TypeOf(node), Retries = Math.Max(1, retries) };
        run.S.Jobs.Add(job);
        var id = run.Pid(job.Id);
        run.R.JobsCreatedW.Add(new JobInfo(id, run.S.Id, node.Id, job.Type, node is SendTask ? JobKind.Send : JobKind.Service, job.Retries, run.Now));
        run.Hist(HistoryEventType.JobCreated, node.Id, node.Kind, id, name: job.Type);
    }
}
