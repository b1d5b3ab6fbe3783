namespace Orchestrator.Cases;

/// <summary>Why a programme or the residence does not take a child: the BPMN error code and a sentence for the coordinator.</summary>
/// <param name="ErrorCode">A <see cref="CaseErrorCodes"/> value.</param>
/// <param name="Message">What is wrong.</param>
public sealed record CaseRefusal(string ErrorCode, string Message);
