// The form editor (form-js editor) for a user task's form, in a dialog: the form as the draft has it, else as
// deployed, else a new one with that key. The editor's bundle (designer-forms.js) is loaded the first time, so that
// opening the designer does not wait for it. Saving puts the form into the draft (deployed with the process), after
// the server's form reader has checked it.
import { api, ApiError, t, announce, escapeHtml } from './page.js';

let loading = null;

function loadEditorBundle() {
  if (window.OrchestratorFormEditor) {
    return Promise.resolve(window.OrchestratorFormEditor);
  }
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = document.getElementById('designer').dataset.formsScript;
      script.onload = () => resolve(window.OrchestratorFormEditor);
      script.onerror = () => reject(new Error(t('Form_LoadFailed')));
      document.head.appendChild(script);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = document.getElementById('designer').dataset.formsStyle;
      document.head.appendChild(style);
    });
  }
  return loading;
}

export class FormsEditor {
  /**
   * @param {{ dialog: HTMLDialogElement, forms: object, onChange: () => void, revalidate: () => void }} options
   */
  constructor(options) {
    this._o = options;
    this.forms = options.forms || {};
    this._editor = null;
    this._key = null;
    const dialog = options.dialog;
    dialog.querySelector('#form-save').addEventListener('click', () => this._save());
    dialog.querySelector('#form-cancel').addEventListener('click', () => dialog.close());
  }

  /** The forms edited in the draft (key → schema). */
  get edited() {
    return this.forms;
  }

  async open(key) {
    const dialog = this._o.dialog;
    const errors = dialog.querySelector('#form-errors');
    if (!key || key.startsWith('=')) {
      announce(t('Form_NoKey'), 'alert');
      return;
    }
    this._key = key;
    errors.innerHTML = '';
    dialog.querySelector('#form-title').textContent = t('Form_Title', { key });
    let schema = this.forms[key];
    if (!schema) {
      try {
        schema = await api('GET', `/api/designer/forms/${encodeURIComponent(key)}`);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) {
          announce(e.message, 'alert');
          return;
        }
        schema = { id: key, type: 'default', schemaVersion: 19, components: [] };
      }
    }
    const FormEditor = await loadEditorBundle();
    const container = dialog.querySelector('#form-editor');
    if (this._editor) {
      this._editor.destroy();
      container.innerHTML = '';
    }
    dialog.showModal();
    this._editor = FormEditor.create(container);
    await this._editor.importSchema(schema);
  }

  async _save() {
    const dialog = this._o.dialog;
    const errors = dialog.querySelector('#form-errors');
    const schema = this._editor.saveSchema();
    schema.id = this._key;
    const result = await api('POST', '/api/designer/forms/check', { key: this._key, schema });
    if (result.problems.length) {
      errors.innerHTML = `<p>${escapeHtml(t('Form_Invalid'))}</p><ul>${result.problems.map((p) => `<li>${escapeHtml(p.message)}</li>`).join('')}</ul>`;
      errors.focus();
      return;
    }
    this.forms[this._key] = schema;
    dialog.close();
    this._o.onChange();
    this._o.revalidate();
    announce(t('Form_Saved', { key: this._key }));
  }
}
