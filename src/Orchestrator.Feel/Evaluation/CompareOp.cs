namespace Orchestrator.Feel.Evaluation;

/// <summary>Comparison operators.</summary>
internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
