namespace Orchestrator.Feel.Evaluation;

/// <summary>Arithmetic operators.</summary>
internal enum ArithmeticOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}
