namespace Orchestrator.Engine.Runtime;

/// <summary>Why a command was rejected.</summary>
public enum CommandRejection
{
    /// <summary>The task, timer, job, incident, process or instance does not exist (any more).</summary>
    NotFound,

    /// <summary>It exists but cannot take this command now (ended instance, task held by someone else).</summary>
    Conflict,
}
