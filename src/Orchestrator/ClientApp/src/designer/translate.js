// bpmn-js's own words (palette, context pad, properties panel) in the page's language: the page hands over the pairs
// (English text → the page's text) from DesignerText.resx (keys Bpmn_…).
export function translateModule(dictionary) {
  const translate = (template, replacements = {}) => {
    const text = Object.prototype.hasOwnProperty.call(dictionary, template) ? dictionary[template] : template;
    return text.replace(/{([^}]+)}/g, (whole, key) => (replacements[key] !== undefined ? replacements[key] : whole));
  };
  return { translate: ['value', translate] };
}
