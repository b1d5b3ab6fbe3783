// The process's scenarios (the simulate format, stored with the draft and deployed with the process): run against the
// draft on the server, each shown passing or failing with its failures in words (the step, the virtual day, the
// elements by name), edited as JSON, added and removed; a run's trace plays on the diagram.
import { api, t, escapeHtml, announce, has } from './page.js';
import { durationWords } from './timer-words.js';

const TEMPLATE = (processId) => ({
  process: processId,
  start: '2026-01-05T09:00:00Z',
  variables: {},
  steps: [{ expect: { ended: false } }],
});

export class ScenariosView {
  /**
   * @param {object} modeler the bpmn-js modeler
   * @param {{ root: HTMLElement, processId: string, scenarios: object, onChange: () => void, onSelect: (id) => void }} options
   */
  constructor(modeler, options) {
    this._modeler = modeler;
    this._options = options;
    this.scenarios = options.scenarios || {};
    this._results = new Map();
    this._editing = null;
    this._playing = null;
    this._list = options.root.querySelector('#scenario-list');
    this._summary = options.root.querySelector('#scenario-summary');
    options.root.querySelector('#scenario-new').addEventListener('click', () => this._new());
    this._list.addEventListener('click', (event) => this._onClick(event));
    this.render();
  }

  /** Runs every scenario against the diagram as it is now. */
  async run() {
    const names = Object.keys(this.scenarios);
    if (names.length === 0) {
      announce(t('Scenario_NoneToRun'));
      return [];
    }
    this._summary.textContent = t('Scenario_Running', { n: names.length });
    const { xml } = await this._modeler.saveXML({ format: false });
    try {
      const results = await api('POST', '/api/designer/scenarios/run', { xml, scenarios: this.scenarios });
      this._results = new Map(results.map((r) => [r.name, r]));
    } catch (e) {
      this._summary.textContent = t('Scenario_RunFailed', { message: e.message });
      return [];
    }
    this.render();
    const failed = [...this._results.values()].filter((r) => !r.passed).length;
    announce(failed === 0 ? t('Scenario_AllPassed', { n: this._results.size }) : t('Scenario_SomeFailed', { failed, n: this._results.size }));
    return [...this._results.values()];
  }

  /** The results are stale once the diagram changes. */
  invalidate() {
    if (this._results.size) {
      this._results = new Map();
      this.render();
    }
  }

  render() {
    const names = Object.keys(this.scenarios).sort();
    const results = this._results;
    if (results.size) {
      const failed = names.filter((n) => results.get(n) && !results.get(n).passed).length;
      this._summary.textContent = failed === 0 ? t('Scenario_AllPassed', { n: names.length }) : t('Scenario_SomeFailed', { failed, n: names.length });
    } else {
      this._summary.textContent = names.length ? t('Scenario_NotRun', { n: names.length }) : t('Scenario_None');
    }
    this._list.innerHTML = names.map((name) => this._item(name, results.get(name))).join('');
    if (this._editing) {
      const area = this._list.querySelector(`textarea[data-scenario="${CSS.escape(this._editing)}"]`);
      if (area) {
        area.focus();
      }
    }
  }

  _item(name, result) {
    const id = 'scenario-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
    let state = `<span class="scenario-state scenario-state-none">${escapeHtml(t('Scenario_StateNotRun'))}</span>`;
    let details = '';
    if (result) {
      if (result.error) {
        state = `<span class="scenario-state scenario-state-fail"><span aria-hidden="true">✕ </span>${escapeHtml(t('Scenario_StateError'))}</span>`;
        details = `<p class="scenario-error">${escapeHtml(result.error)}</p>`;
      } else if (result.passed) {
        state = `<span class="scenario-state scenario-state-pass"><span aria-hidden="true">✓ </span>${escapeHtml(t('Scenario_StatePass'))}</span>`;
      } else {
        state = `<span class="scenario-state scenario-state-fail"><span aria-hidden="true">✕ </span>${escapeHtml(t('Scenario_StateFail'))}</span>`;
        details = `<ul class="scenario-failures">${result.failures.map((f) => `<li><span class="failure-words">${escapeHtml(this.words(f))}</span><br><code class="failure-text">${escapeHtml(f.text)}</code></li>`).join('')}</ul>`;
      }
    }
    const editing = this._editing === name;
    const editor = editing
      ? `<div class="scenario-editor">
          <label for="${id}-json">${escapeHtml(t('Scenario_JsonLabel', { name }))}</label>
          <textarea id="${id}-json" data-scenario="${escapeHtml(name)}" rows="14" spellcheck="false" aria-describedby="${id}-json-error">${escapeHtml(JSON.stringify(this.scenarios[name], null, 2))}</textarea>
          <p id="${id}-json-error" class="field-error" role="alert"></p>
          <button type="button" class="primary" data-action="save" data-scenario="${escapeHtml(name)}">${escapeHtml(t('Scenario_Save'))}</button>
          <button type="button" data-action="cancel">${escapeHtml(t('Scenario_Cancel'))}</button>
        </div>`
      : '';
    const playable = result && result.trace && result.trace.length;
    return `<li class="scenario" id="${id}">
        <h3 class="scenario-name">${escapeHtml(name)} ${state}</h3>
        ${details}
        <p class="scenario-actions">
          <button type="button" data-action="edit" data-scenario="${escapeHtml(name)}" aria-label="${escapeHtml(t('Scenario_EditNamed', { name }))}">${escapeHtml(t('Scenario_Edit'))}</button>
          ${playable ? `<button type="button" data-action="play" data-scenario="${escapeHtml(name)}" aria-label="${escapeHtml(t('Scenario_PlayNamed', { name }))}">${escapeHtml(this._playing === name ? t('Scenario_Stop') : t('Scenario_Play'))}</button>` : ''}
          <button type="button" data-action="delete" data-scenario="${escapeHtml(name)}" aria-label="${escapeHtml(t('Scenario_DeleteNamed', { name }))}">${escapeHtml(t('Scenario_Delete'))}</button>
        </p>
        ${editor}
      </li>`;
  }

  /** A failure in the person's words: the step, when on the virtual clock, and what was expected, with element names. */
  words(f) {
    const registry = this._modeler.get('elementRegistry');
    const named = (id) => {
      const element = registry.get(id);
      return element && element.businessObject.name ? `«${element.businessObject.name}» (${id})` : id;
    };
    const list = (ids) => (Array.isArray(ids) ? ids : String(ids || '').replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean)).map(named).join(', ') || t('Scenario_Nothing');
    const minutes = f.elapsedMinutes || 0;
    const when = durationWords({ day: Math.floor(minutes / 1440), hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 });
    const prefix = f.step ? t('Scenario_FailureAt', { step: f.step, when }) : t('Scenario_FailureAtStart');
    let text;
    const kind = f.kind.startsWith('task:') ? 'task' : f.kind;
    switch (kind) {
      case 'notCompleted': text = t('Failure_NotCompleted', { elements: list(f.elements) }); break;
      case 'completed': text = t('Failure_Completed', { elements: list(f.elements) }); break;
      case 'active': {
        const ids = (text) => String(text || '').replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
        const expected = ids(f.expected);
        const actual = ids(f.actual);
        const missing = expected.filter((id) => !actual.includes(id));
        const extra = actual.filter((id) => !expected.includes(id));
        text = t('Failure_Active', {
          missing: missing.length ? t('Failure_ActiveMissing', { elements: list(missing) }) : '',
          extra: extra.length ? t('Failure_ActiveExtra', { elements: list(extra) }) : '',
        });
        break;
      }
      case 'ended': text = t('Failure_Ended', { elements: list(f.elements) }); break;
      case 'running': text = t('Failure_Running'); break;
      case 'variable': text = f.actual === null || f.actual === undefined
        ? t('Failure_VariableMissing', { name: f.elements[0], expected: f.expected })
        : t('Failure_Variable', { name: f.elements[0], expected: f.expected, actual: f.actual }); break;
      case 'noTask': text = t('Failure_NoTask', { element: named(f.elements[0]), actual: list(f.actual) }); break;
      case 'task': {
        const field = f.kind.slice(5);
        text = t('Failure_Task', { element: named(f.elements[0]), field: has('Field_' + field) ? t('Field_' + field) : field, expected: f.expected, actual: f.actual });
        break;
      }
      case 'complete': text = t('Failure_Complete', { element: named(f.elements[0]) }); break;
      case 'message': text = t('Failure_Message', { name: f.elements[0] }); break;
      default: text = f.text;
    }
    return `${prefix}: ${text}`;
  }

  _onClick(event) {
    const button = event.target.closest('button[data-action]');
    if (!button) {
      return;
    }
    const name = button.dataset.scenario;
    switch (button.dataset.action) {
      case 'edit':
        this._editing = name;
        this.render();
        break;
      case 'cancel':
        this._editing = null;
        this.render();
        break;
      case 'save': {
        const area = this._list.querySelector(`textarea[data-scenario="${CSS.escape(name)}"]`);
        const error = area.parentElement.querySelector('.field-error');
        let value;
        try {
          value = JSON.parse(area.value);
        } catch (e) {
          error.textContent = t('Scenario_InvalidJson', { message: e.message });
          area.setAttribute('aria-invalid', 'true');
          return;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          error.textContent = t('Scenario_NotObject');
          area.setAttribute('aria-invalid', 'true');
          return;
        }
        this.scenarios[name] = value;
        this._editing = null;
        this._results.delete(name);
        this.render();
        this._options.onChange();
        announce(t('Scenario_Saved', { name }));
        const edit = this._list.querySelector(`button[data-action="edit"][data-scenario="${CSS.escape(name)}"]`);
        if (edit) {
          edit.focus();
        }
        break;
      }
      case 'delete':
        delete this.scenarios[name];
        this._results.delete(name);
        this.render();
        this._options.onChange();
        announce(t('Scenario_Deleted', { name }));
        break;
      case 'play':
        this._play(name);
        break;
      default:
        break;
    }
  }

  _new() {
    const base = 'scenario';
    let n = Object.keys(this.scenarios).length + 1;
    while (this.scenarios[`${base}-${n}`]) {
      n++;
    }
    const name = `${base}-${n}`;
    this.scenarios[name] = TEMPLATE(this._options.processId);
    this._editing = name;
    this.render();
    this._options.onChange();
  }

  /** Plays a run's trace on the diagram: each element lights up in turn, the line said in words. */
  _play(name) {
    const canvas = this._modeler.get('canvas');
    const registry = this._modeler.get('elementRegistry');
    const clear = () => {
      for (const element of registry.getAll()) {
        canvas.removeMarker(element.id, 'orc-trace-current');
        canvas.removeMarker(element.id, 'orc-trace-done');
      }
    };
    if (this._playing) {
      clearInterval(this._timer);
      const wasPlaying = this._playing;
      this._playing = null;
      clear();
      this.render();
      if (wasPlaying === name) {
        return;
      }
    }
    const trace = (this._results.get(name) || { trace: [] }).trace.filter((step) => registry.get(step.element));
    clear();
    this._playing = name;
    this.render();
    let index = 0;
    let previous = null;
    this._timer = setInterval(() => {
      if (previous) {
        canvas.removeMarker(previous, 'orc-trace-current');
        canvas.addMarker(previous, 'orc-trace-done');
      }
      if (index >= trace.length) {
        clearInterval(this._timer);
        this._playing = null;
        this.render();
        announce(t('Scenario_PlayEnded', { name }));
        return;
      }
      const step = trace[index++];
      canvas.addMarker(step.element, 'orc-trace-current');
      previous = step.element;
      const element = registry.get(step.element);
      const minutes = step.elapsedMinutes;
      const when = durationWords({ day: Math.floor(minutes / 1440), hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 });
      const event = has('Trace_' + step.event) ? t('Trace_' + step.event) : step.event;
      announce(t('Scenario_TraceLine', { when, element: element.businessObject.name || step.element, event }));
    }, 450);
  }
}
