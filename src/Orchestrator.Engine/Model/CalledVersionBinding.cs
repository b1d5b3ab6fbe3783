namespace Orchestrator.Engine.Model;

/// <summary>Which version of the called process a call activity starts.</summary>
public enum CalledVersionBinding
{
    /// <summary>The latest deployed version at the moment of the call.</summary>
    Latest,

    /// <summary>The version in <see cref="CallActivity.CalledVersion"/>.</summary>
    Version,
}
