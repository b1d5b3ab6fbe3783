namespace Orchestrator.Feel.Syntax;

/// <summary>One token: its kind, where it starts and ends, and its text or number.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string? Text = null, decimal Number = 0, bool Quoted = false);
