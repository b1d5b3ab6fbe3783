using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Feel;

namespace Orchestrator.Forms;

/// <summary>
/// Re-validates a form submission on the server with the rules the form-js viewer applies in the
/// browser, and rejects anything the form cannot produce. Thread-safe; one instance is enough.
/// </summary>
/// <remarks>
/// What is checked, per field instance (dynamic lists: per item): hidden fields
/// (<c>conditional.hide</c>, FEEL) and disabled fields must not carry a value; read-only fields
/// must carry their initial value; value types per field type; <c>required</c>,
/// <c>minLength</c>/<c>maxLength</c>, <c>min</c>/<c>max</c> (constants or FEEL), <c>pattern</c>,
/// <c>validationType</c> email/phone, number <c>decimalDigits</c>/<c>increment</c>, options of
/// radio/select/checklist/taglist (static, <c>valuesKey</c>, <c>valuesExpression</c>), datetime
/// formats, expression fields' computed values; and keys the form does not bind are rejected.
/// See <c>src/Orchestrator/Forms/README.md</c> for the decisions and what is not supported.
/// </remarks>
public sealed partial class FormValidator
{
    /// <summary>At most this many errors are reported for one submission.</summary>
    public const int MaxErrors = 200;

    private readonly FeelEngine _feel;
    private readonly TimeProvider _time;

    /// <summary>Creates a validator.</summary>
    /// <param name="feel">The FEEL engine for conditions, FEEL validation bounds, option and expression fields; a new one when null.</param>
    /// <param name="timeProvider">The clock for <c>disallowPassedDates</c>; the system clock when null.</param>
    public FormValidator(FeelEngine? feel = null, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _feel = feel ?? new FeelEngine(timeProvider: _time);
    }

    /// <summary>Validates a submission against a form.</summary>
    /// <param name="schema">The form.</param>
    /// <param name="data">The submitted data, as the form-js viewer's <c>submit()</c> returns it.</param>
    /// <param name="variables">
    /// The data the form was opened with (the task's variables): the context of FEEL conditions and
    /// expressions, the source of <c>valuesKey</c> options and of read-only fields' values. Null when
    /// unknown: then read-only values, <c>valuesKey</c> options and the item count of fixed dynamic
    /// lists are not checked (pass <see cref="FeelContext.Empty"/> for "opened with no data").
    /// </param>
    /// <returns>The errors, in form order, then unknown keys; empty when the submission is valid.</returns>
    public IReadOnlyList<FormFieldError> Validate(FormSchema schema, JsonObject data, FeelContext? variables = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(data);
        return new Run(this, schema, data, variables).Execute();
    }

    /// <summary>The state of one validation.</summary>
    private sealed partial class Run
    {
        private readonly FormValidator _owner;
        private readonly FormSchema _schema;
        private readonly JsonObject _data;
        private readonly FeelContext? _variables;
        private readonly JsonObject? _variablesJson;
        private readonly List<FormFieldError> _errors = [];
        private readonly HashSet<FormFieldError> _seen = [];
        private FeelContext? _root;
        private bool _truncated;

        public Run(FormValidator owner, FormSchema schema, JsonObject data, FeelContext? variables)
        {
            _owner = owner;
            _schema = schema;
            _data = data;
            _variables = variables;
            _variablesJson = variables?.ToJson() as JsonObject;
        }

        /// <summary>The root data of FEEL evaluation: the variables, overridden by the submission.</summary>
        private FeelContext Root => _root ??= BuildRoot();

        public List<FormFieldError> Execute()
        {
            var scope = new Scope([], new ExprScope(() => Root, FeelNull.Instance, []));
            Walk(_schema.Form.Components, scope, hidden: false);
            CheckKeys(_data, _schema.Bindings, []);
            if (_truncated)
            {
                _errors.Add(new FormFieldError("(form)", $"has more errors; only the first {MaxErrors.ToString(CultureInfo.InvariantCulture)} are shown"));
            }

            return _errors;
        }

        private FeelContext BuildRoot()
        {
            var entries = new List<KeyValuePair<string, FeelValue>>();
            if (_variables is not null)
            {
                entries.AddRange(_variables.Entries);
            }

            // Only what the form can produce: an unknown key (rejected anyway) must not steer a condition or a bound.
            foreach (var (k, v) in _data)
            {
                if (_schema.Bindings.Children.ContainsKey(k))
                {
                    entries.Add(new(k, FeelValue.FromJson(v)));
                }
            }

            return FeelContext.Create(entries);
        }

        private void Error(IReadOnlyList<object> path, string message)
        {
            if (_errors.Count >= MaxErrors)
            {
                _truncated = true;
                return;
            }

            var error = new FormFieldError(FormatPath(path), message);
            if (_seen.Add(error))
            {
                _errors.Add(error);
            }
        }

        private void Walk(IReadOnlyList<FormComponent> components, Scope scope, bool hidden)
        {
            foreach (var c in components)
            {
                var isHidden = hidden || IsHidden(c, scope);
                switch (c.Kind)
                {
                    case FieldKind.Display or FieldKind.Form:
                        break;
                    case FieldKind.Group:
                        Walk(c.Components, scope with { BasePath = Append(scope.BasePath, c.PathSegments) }, isHidden);
                        break;
                    case FieldKind.DynamicList when !c.IsRepeating:
                        Walk(c.Components, scope with { BasePath = Append(scope.BasePath, c.PathSegments) }, isHidden);
                        break;
                    case FieldKind.DynamicList:
                        WalkList(c, scope, isHidden);
                        break;
                    default:
                        ValidateField(c, scope, isHidden);
                        break;
                }
            }
        }

        private void WalkList(FormComponent list, Scope scope, bool hidden)
        {
            var path = Append(scope.BasePath, list.PathSegments);
            var found = TryGet(_data, path, out var value);
            if (hidden)
            {
                if (found && value is not null)
                {
                    Error(path, "must not be submitted: the list is hidden");
                }

                return;
            }

            var items = value as JsonArray;
            if (found && value is not null && items is null)
            {
                return; // CheckKeys reports "must be a list"
            }

            var count = items?.Count ?? 0;
            if (!list.AllowAddRemove && found && _variables is not null)
            {
                var expected = TryGet(_variablesJson, path, out var initial) && initial is JsonArray initialItems
                    ? initialItems.Count
                    : list.DefaultRepetitions;
                if (count != expected)
                {
                    Error(path, $"must have exactly {expected.ToString(CultureInfo.InvariantCulture)} item{(expected == 1 ? "" : "s")} (the form cannot add or remove items)");
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (items![i] is not JsonObject item)
                {
                    continue; // CheckKeys reports "must be an object"
                }

                var itemPath = new List<object>(path) { i };
                var parent = scope.Expr;
                var expr = new ExprScope(() => FeelValue.FromJson(item), parent.AsParent(), [.. parent.Indexes, i + 1]);
                Walk(list.Components, new Scope(itemPath, expr), hidden: false);
            }
        }

        private void ValidateField(FormComponent c, Scope scope, bool hidden)
        {
            var path = Append(scope.BasePath, c.KeySegments);
            var found = TryGet(_data, path, out var value);
            if (hidden || c.Disabled)
            {
                if (found && value is not null)
                {
                    Error(path, hidden ? "must not be submitted: the field is hidden" : "must not be submitted: the field is disabled");
                }

                return;
            }

            var isReadonly = c.Readonly || (c.ReadonlyExpression is not null && Condition(c.ReadonlyExpression, scope));
            if (isReadonly && found && _variables is not null && !MatchesInitial(c, path, value))
            {
                Error(path, "is read-only and cannot be changed");
                return;
            }

            if (c.Kind == FieldKind.Expression)
            {
                CheckExpression(c, scope, path, found, value);
                return;
            }

            if (value is not null && !CheckType(c, scope, path, value))
            {
                return;
            }

            if (IsEmpty(c, value))
            {
                if (c.Required)
                {
                    Error(path, c.Kind == FieldKind.Checkbox ? "must be checked" : "is required");
                }

                return;
            }

            switch (c.Kind)
            {
                case FieldKind.Textfield or FieldKind.Textarea:
                    CheckText(c, scope, path, value!.GetValue<string>());
                    break;
                case FieldKind.Number:
                    CheckNumber(c, scope, path, value!);
                    break;
            }
        }
    }

    /// <summary>Where a component's values live: the data path of its parent.</summary>
    private sealed record Scope(IReadOnlyList<object> BasePath, ExprScope Expr);

    /// <summary>
    /// form-js's local expression context: <c>this</c> (the current dynamic-list item, or the whole
    /// data), <c>parent</c>, <c>i</c> (1-based item indexes), the form data's top-level entries,
    /// and the same three again as <c>_this_</c>, <c>_parent_</c>, <c>_i_</c>. Built lazily.
    /// </summary>
    private sealed class ExprScope(Func<FeelValue> thisValue, FeelValue parent, int[] indexes)
    {
        private FeelValue? _this;
        private FeelContext? _context;

        public int[] Indexes { get; } = indexes;

        private FeelValue This => _this ??= thisValue();

        private FeelList IndexList => new(Indexes.Select(i => (FeelValue)FeelValue.From(i)));

        /// <summary>The context of an expression of a field in this scope.</summary>
        public FeelContext Context(FeelContext root) => _context ??= Build(root);

        /// <summary>What a nested list item sees as <c>parent</c>: this scope with <c>this</c> as its data.</summary>
        public FeelContext AsParent() => Build(This as FeelContext ?? FeelContext.Empty);

        private FeelContext Build(FeelContext data)
        {
            var index = IndexList;
            var entries = new List<KeyValuePair<string, FeelValue>>(data.Count + 6)
            {
                new("this", This),
                new("parent", parent),
                new("i", index),
            };
            entries.AddRange(data.Entries);
            entries.Add(new("_this_", This));
            entries.Add(new("_parent_", parent));
            entries.Add(new("_i_", index));
            return FeelContext.Create(entries);
        }
    }
}
