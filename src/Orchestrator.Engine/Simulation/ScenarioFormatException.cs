namespace Orchestrator.Engine.Simulation;

/// <summary>A scenario that cannot be read; the message names the field.</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public ScenarioFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
