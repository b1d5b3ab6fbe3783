namespace Orchestrator.Cases;

/// <summary>Why a placement is refused: the BPMN error code and a sentence for the coordinator.</summary>
/// <param name="ErrorCode">A <see cref="CaseErrorCodes"/> value.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlacementRefusal(string ErrorCode, string Message);
