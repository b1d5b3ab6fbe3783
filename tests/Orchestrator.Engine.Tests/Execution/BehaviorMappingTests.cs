using System.Runtime.CompilerServices;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>Every kind of flow node the model has runs a behaviour of its own; an unmapped kind fails loudly.</summary>
public sealed class BehaviorMappingTests
{
    /// <summary>Every concrete flow node type of the engine's model (the parser's stand-in for refused elements never runs).</summary>
    public static TheoryData<string> FlowNodeTypes() => [.. FlowNodeTypeNames()];

    private static IEnumerable<string> FlowNodeTypeNames() =>
        typeof(FlowNode).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FlowNode)) && !t.IsAbstract && t != typeof(UnsupportedFlowNode))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FlowNodeTypes))]
    public void Every_flow_node_type_has_a_behaviour(string typeName)
    {
        var type = typeof(FlowNode).Assembly.GetType(typeName)!;
        var node = (FlowNode)RuntimeHelpers.GetUninitializedObject(type);

        var behavior = Behaviors.For(node);

        Assert.NotNull(behavior);
    }

    [Fact]
    public void The_model_has_the_flow_node_types_the_runtime_knows()
    {
        // A guard on the theory above: it must see the whole model, not an empty list.
        var names = FlowNodeTypeNames().ToList();
        Assert.Contains(typeof(UserTask).FullName!, names);
        Assert.Contains(typeof(PassThroughTask).FullName!, names);
        Assert.True(names.Count >= 16, $"found {names.Count} flow node types: {string.Join(", ", names)}");
    }

    [Fact]
    public void A_flow_node_type_nobody_mapped_is_an_error_naming_it()
    {
        var node = new UnmappedNode { Id = "Task_New" };

        var error = Assert.Throws<InvalidOperationException>(() => Behaviors.For(node));

        Assert.Contains("futureTask 'Task_New'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parsers_stand_in_for_a_refused_element_has_no_behaviour()
    {
        var node = new UnsupportedFlowNode { Id = "Complex_1", ElementName = "complexGateway" };

        Assert.Throws<InvalidOperationException>(() => Behaviors.For(node));
    }

    private sealed class UnmappedNode : FlowNode
    {
        public override string Kind => "futureTask";
    }
}
