namespace Orchestrator.Web.Designer;

/// <summary>
/// The words of the designer (<c>DesignerText.resx</c>: es-MX; <c>DesignerText.en.resx</c>): its pages, the words its
/// script shows (keys <c>Js_…</c>, handed to the script as JSON), the properties panel's labels and help for every
/// <c>orc:</c> attribute of <c>Designer/orc-moddle.json</c> (<c>Orc_…</c>), bpmn-js's own words (<c>Bpmn_…</c>) and the
/// service-task handlers' descriptions (<c>Handler_…</c>).
/// </summary>
public sealed class DesignerText;
