import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body><div id="c"></div></body></html>', { pretendToBeVisual: true });
for (const k of ['window','document','navigator','HTMLElement','Element','Node','KeyboardEvent','Event','CustomEvent','MutationObserver','getComputedStyle','requestAnimationFrame','cancelAnimationFrame','DOMParser','SVGElement','HTMLInputElement','Text','DocumentFragment','ResizeObserver']) {
  if (dom.window[k] !== undefined) { try { globalThis[k] = dom.window[k]; } catch { Object.defineProperty(globalThis, k, { value: dom.window[k], configurable: true }); } }
}
for (const k of Object.getOwnPropertyNames(dom.window)) { if (!(k in globalThis)) { try { globalThis[k] = dom.window[k]; } catch {} } }
globalThis.ResizeObserver ??= class { observe(){} unobserve(){} disconnect(){} };
globalThis.window.ResizeObserver ??= globalThis.ResizeObserver;
import { createRequire } from 'module'; const require = createRequire(import.meta.url); const { FormEditor } = require('@bpmn-io/form-js-editor');
const editor = new FormEditor({ container: document.getElementById('c'), exporter: { name: 'form-js (https://demo.bpmn.io)', version: '1.23.0' } });
await editor.importSchema({ type: 'default', components: [] });
const modeling = editor.get('modeling');
const registry = editor.get('formFieldRegistry');
const form = registry.getForm();
const add = (attrs, parent = form) => modeling.addFormField({ ...attrs, _parent: parent.id }, registry.get(parent.id), (registry.get(parent.id).components || []).length);
add({ type: 'text', text: '# Consulate decision' });
const name = add({ type: 'textfield', key: 'childName', label: 'Child name', validate: { required: true, maxLength: 200 } });
add({ type: 'textfield', key: 'email', label: 'Consulate email', validate: { validationType: 'email' } });
add({ type: 'number', key: 'age', label: 'Age', decimalDigits: 0, validate: { min: 0, max: 17, required: true } });
add({ type: 'radio', key: 'decision', label: 'Decision', values: [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }], validate: { required: true } });
add({ type: 'textarea', key: 'reason', label: 'Reason for refusal', conditional: { hide: '=decision != "no"' }, validate: { required: true, minLength: 10 } });
add({ type: 'checkbox', key: 'confirmed', label: 'I confirm', validate: { required: true } });
add({ type: 'checklist', key: 'documents', label: 'Documents', values: [{ label: 'Passport', value: 'passport' }, { label: 'Birth certificate', value: 'birth' }] });
add({ type: 'select', key: 'country', label: 'Country', values: [{ label: 'Morocco', value: 'MA' }, { label: 'Spain', value: 'ES' }] });
add({ type: 'taglist', key: 'languages', label: 'Languages', values: [{ label: 'Arabic', value: 'ar' }, { label: 'Spanish', value: 'es' }, { label: 'French', value: 'fr' }] });
add({ type: 'datetime', subtype: 'date', dateLabel: 'Decision date', key: 'decisionDate', validate: { required: true } });
add({ type: 'datetime', subtype: 'datetime', dateLabel: 'Date', timeLabel: 'Time', key: 'interviewAt', timeSerializingFormat: 'utc_offset' });
const group = add({ type: 'group', label: 'Address', path: 'address', components: [] });
add({ type: 'textfield', key: 'city', label: 'City', validate: { required: true } }, group);
add({ type: 'textfield', key: 'postalCode', label: 'Postal code', validate: { validationType: 'custom', pattern: '^[0-9]{5}$' } }, group);
const list = add({ type: 'dynamiclist', label: 'Siblings', path: 'siblings', isRepeating: true, allowAddRemove: true, defaultRepetitions: 1, components: [] });
add({ type: 'textfield', key: 'name', label: 'Name', validate: { required: true } }, list);
add({ type: 'number', key: 'age', label: 'Age', validate: { min: 0 } }, list);
add({ type: 'expression', key: 'summary', expression: '=childName + " (" + string(age) + ")"', computeOn: 'presubmit' });
add({ type: 'separator' });
add({ type: 'spacer', height: 60 });
const schema = editor.saveSchema();
schema.id = 'consulate-decision';
console.log(JSON.stringify(schema, null, 2));
process.exit(0);
