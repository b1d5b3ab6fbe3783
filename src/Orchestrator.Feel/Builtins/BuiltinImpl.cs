using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Builtins;

internal delegate FeelValue BuiltinImpl(FeelValue[] args, EvalState s);
