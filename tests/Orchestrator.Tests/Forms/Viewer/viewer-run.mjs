import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!doctype html><html><body><div id="c"></div></body></html>', { pretendToBeVisual: true });
for (const k of Object.getOwnPropertyNames(dom.window)) { if (!(k in globalThis)) { try { globalThis[k] = dom.window[k]; } catch {} } }
for (const k of ['window','document','navigator']) { try { globalThis[k] = dom.window[k]; } catch { Object.defineProperty(globalThis, k, { value: dom.window[k], configurable: true }); } }
globalThis.ResizeObserver ??= class { observe(){} unobserve(){} disconnect(){} };
import { createRequire } from 'module'; const require = createRequire(import.meta.url);
const { Form } = require('@bpmn-io/form-js-viewer');
const [schemaFile, casesFile] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const out = [];
for (const c of cases) {
  const container = document.createElement('div'); document.body.appendChild(container);
  const form = new Form({ container });
  await form.importSchema(schema, c.data);
  await new Promise(r => setTimeout(r, 50));
  const res = form.submit();
  out.push({ name: c.name, data: res.data, errors: res.errors });
  form.destroy();
}
console.log(JSON.stringify(out, null, 2));
process.exit(0);
