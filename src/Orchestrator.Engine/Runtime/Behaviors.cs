using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime.Events;
using Orchestrator.Engine.Runtime.Gateways;
using Orchestrator.Engine.Runtime.Tasks;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The behaviour of each element kind (one small class per kind, as Camunda does). An element kind nobody mapped
/// here is an error, never a silent pass-through: a new element must say what it does (the Runtime README lists the
/// places a new element touches).
/// </summary>
internal static class Behaviors
{
    private static readonly StartEventBehavior Start = new();
    private static readonly EndEventBehavior End = new();
    private static readonly IntermediateCatchEventBehavior Catch = new();
    private static readonly IntermediateThrowEventBehavior Throw = new();
    private static readonly BoundaryEventBehavior Boundary = new();
    private static readonly UserTaskBehavior User = new();
    private static readonly ServiceTaskBehavior Service = new();
    private static readonly ReceiveTaskBehavior Receive = new();
    private static readonly ScriptTaskBehavior Script = new();
    private static readonly PassThroughTaskBehavior PassThrough = new();
    private static readonly CallActivityBehavior Call = new();
    private static readonly SubProcessBehavior Sub = new();
    private static readonly ExclusiveGatewayBehavior Exclusive = new();
    private static readonly ParallelGatewayBehavior Parallel = new();
    private static readonly InclusiveGatewayBehavior Inclusive = new();
    private static readonly EventBasedGatewayBehavior EventBased = new();

    public static NodeBehavior For(FlowNode node) => node switch
    {
        UserTask => User,
        ServiceTask or SendTask => Service,
        ScriptTask => Script,
        ExclusiveGateway => Exclusive,
        ParallelGateway => Parallel,
        StartEvent => Start,
        EndEvent => End,
        InclusiveGateway => Inclusive,
        IntermediateCatchEvent => Catch,
        IntermediateThrowEvent => Throw,
        ReceiveTask => Receive,
        CallActivity => Call,
        SubProcess => Sub,
        EventBasedGateway => EventBased,
        BoundaryEvent => Boundary,
        PassThroughTask => PassThrough,
        _ => throw new InvalidOperationException(
            $"No behaviour is mapped for {node.Kind} '{node.Id}' ({node.GetType().Name}); map its kind in Behaviors.For."),
    };
}
