namespace Orchestrator.Forms;

/// <summary>How the validator treats a component.</summary>
internal enum FieldKind
{
    /// <summary>Shows something, holds no value (text, html, image, spacer, separator, button, iframe, table, documentPreview).</summary>
    Display,

    /// <summary>The form itself (<c>default</c>).</summary>
    Form,

    /// <summary>A group: its children bind below its optional path.</summary>
    Group,

    /// <summary>A dynamic list: an array of items, each an object bound by the children.</summary>
    DynamicList,

    Textfield,
    Textarea,
    Number,
    Checkbox,
    Checklist,
    Radio,
    Select,
    Taglist,
    Datetime,
    Expression,
}
