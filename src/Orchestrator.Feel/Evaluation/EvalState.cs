namespace Orchestrator.Feel.Evaluation;

/// <summary>The mutable state of one evaluation: budget, warnings, clock. One per evaluation, never shared.</summary>
internal sealed class EvalState(FeelLimits limits, TimeProvider time)
{
    private const int MaxWarnings = 100;
    private List<FeelWarning>? _warnings;
    private long _steps;
    private long _deadline;
    private FeelDateTime? _now;

    public FeelLimits Limits { get; } = limits;

    public TimeProvider Time { get; } = time;

    public int CallDepth { get; set; }

    public IReadOnlyList<FeelWarning> Warnings => _warnings is null ? [] : _warnings;

    public bool HasWarnings => _warnings is not null;

    /// <summary>Records a warning and returns null, so that callers can write <c>return s.Warn(...)</c>.</summary>
    public FeelNull Warn(string message)
    {
        _warnings ??= [];
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(new FeelWarning(message));
        }
        else if (_warnings.Count == MaxWarnings)
        {
            _warnings.Add(new FeelWarning("more warnings were left out"));
        }

        return FeelNull.Instance;
    }

    public void Step() => Charge(1);

    /// <summary>Spends budget; checks the wall clock every few thousand steps.</summary>
    public void Charge(long steps)
    {
        var before = _steps;
        _steps += steps;
        if (_steps > Limits.MaxEvaluationSteps)
        {
            throw new FeelLimitException($"evaluation budget of {Limits.MaxEvaluationSteps} steps exceeded");
        }

        if ((before >> 12) != (_steps >> 12))
        {
            CheckTime();
        }
    }

    private void CheckTime()
    {
        var now = Time.GetTimestamp();
        if (_deadline == 0)
        {
            _deadline = now + (long)(Limits.MaxEvaluationTime.TotalSeconds * Time.TimestampFrequency);
        }
        else if (now > _deadline)
        {
            throw new FeelLimitException($"evaluation took longer than {Limits.MaxEvaluationTime.TotalSeconds} s");
        }
    }

    public void CheckListSize(long count)
    {
        if (count > Limits.MaxListSize)
        {
            throw new FeelLimitException($"list of more than {Limits.MaxListSize} items");
        }
    }

    public void CheckStringLength(long length)
    {
        if (length > Limits.MaxStringLength)
        {
            throw new FeelLimitException($"string of more than {Limits.MaxStringLength} characters");
        }
    }

    /// <summary>The current date and time in the provider's local zone; the same for the whole evaluation.</summary>
    public FeelDateTime Now()
    {
        if (_now is null)
        {
            var utc = Time.GetUtcNow();
            var zone = Time.LocalTimeZone;
            // Keep the zone id when it is an IANA region id (so DST rules apply to arithmetic), else just the offset.
            _now = zone.Id.Contains('/', StringComparison.Ordinal) ? FeelDateTime.AtInstant(utc, zone, zone.Id) : FeelDateTime.From(TimeZoneInfo.ConvertTime(utc, zone));
        }

        return _now;
    }

    public FeelValue Invoke(FeelFunction function, FeelValue[] args) => function.Target.Invoke(args, this);
}
