// The server's validator on every change (debounced, in the background: the canvas never waits for it). Its findings
// become markers on the elements (a sequence flow's missing condition marks its gateway too, where a person looks for
// it) and a list of buttons: choosing one selects its element. Errors block the deploy; warnings do not.
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { api, debounce, t, has, escapeHtml } from './page.js';

const MARKERS = { error: 'orc-problem-error', warning: 'orc-problem-warning' };

export class ProblemsView {
  /**
   * @param {object} modeler the bpmn-js modeler
   * @param {{ list: HTMLElement, count: HTMLElement, forms: () => object, onSelect: (id: string) => void }} options
   */
  constructor(modeler, options) {
    this._modeler = modeler;
    this._options = options;
    this._marked = [];
    this._problems = [];
    this._extra = [];
    this._checked = false;
    this._sequence = 0;
    this.validate = debounce(() => this.validateNow(), 600);
    options.list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-element-id]');
      if (button) {
        options.onSelect(button.dataset.elementId);
      }
    });
  }

  /** The findings now (validator's and the deploy's), errors first. */
  get problems() {
    return [...this._problems, ...this._extra];
  }

  /** How many errors there are. */
  get errorCount() {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  /** Whether the last change has been checked. */
  get checked() {
    return this._checked && !this.validate.pending();
  }

  /** Validates now; resolves the findings. */
  async validateNow() {
    const sequence = ++this._sequence;
    this._checked = false;
    this._options.count.textContent = t('Problems_Checking');
    const { xml } = await this._modeler.saveXML({ format: false });
    let result;
    try {
      result = await api('POST', '/api/designer/validate', { xml, forms: this._options.forms() });
    } catch (e) {
      result = { problems: [{ elementId: '-', code: 'unreachable', message: t('Problems_ServerUnreachable', { message: e.message }), severity: 'warning' }] };
    }
    if (sequence !== this._sequence) {
      return this.problems; // a newer check is under way
    }
    this._problems = result.problems;
    this._extra = [];
    this._checked = true;
    this.render();
    return this.problems;
  }

  /** Adds findings that only a deploy reports (forms, scenarios) until the next check. */
  showDeployProblems(problems) {
    this._extra = problems.filter((p) => !this._problems.some((q) => q.elementId === p.elementId && q.code === p.code));
    this.render();
  }

  render() {
    const registry = this._modeler.get('elementRegistry');
    const canvas = this._modeler.get('canvas');
    const overlays = this._modeler.get('overlays');
    for (const { id, marker } of this._marked) {
      if (registry.get(id)) {
        canvas.removeMarker(id, marker);
      }
    }
    overlays.remove({ type: 'orc-problem' });
    this._marked = [];

    const problems = this.problems;
    const worst = new Map();
    const mark = (id, severity) => {
      if (!registry.get(id) || worst.get(id) === 'error') {
        return;
      }
      worst.set(id, severity);
    };
    for (const problem of problems) {
      mark(problem.elementId, problem.severity);
      const element = registry.get(problem.elementId);
      if (element && is(element, 'bpmn:SequenceFlow') && element.source && is(element.source, 'bpmn:Gateway')) {
        mark(element.source.id, problem.severity);
      }
    }
    for (const [id, severity] of worst) {
      const marker = MARKERS[severity] || MARKERS.warning;
      canvas.addMarker(id, marker);
      this._marked.push({ id, marker });
      const element = registry.get(id);
      if (!element.waypoints) {
        overlays.add(id, 'orc-problem', {
          position: { top: -12, right: 12 },
          html: `<span class="orc-problem-badge orc-problem-badge-${severity}" title="${escapeHtml(t(severity === 'error' ? 'Problems_Error' : 'Problems_Warning'))}">${severity === 'error' ? '!' : '?'}</span>`,
        });
      }
    }

    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    this._options.count.textContent = problems.length === 0 ? t('Problems_None') : t('Problems_Count', { errors, warnings });
    this._options.list.innerHTML = problems.map((p) => {
      const element = registry.get(p.elementId);
      const name = element ? (element.businessObject.name ? `«${element.businessObject.name}»` : p.elementId) : p.elementId;
      const severity = t(p.severity === 'error' ? 'Problems_Error' : 'Problems_Warning');
      const words = has('Problem_' + p.code) ? `${escapeHtml(t('Problem_' + p.code))} <span class="problem-detail">(${escapeHtml(p.message)})</span>` : escapeHtml(p.message);
      const text = `${escapeHtml(name)}: ${words}`;
      const icon = `<span class="orc-problem-icon orc-problem-icon-${p.severity}" aria-hidden="true">${p.severity === 'error' ? '!' : '?'}</span>`;
      return element
        ? `<li class="problem problem-${p.severity}">${icon}<button type="button" class="problem-select" data-element-id="${escapeHtml(p.elementId)}"><span class="problem-severity">${escapeHtml(severity)}</span> ${text}</button></li>`
        : `<li class="problem problem-${p.severity}">${icon}<span class="problem-severity">${escapeHtml(severity)}</span> ${text}</li>`;
    }).join('');
  }
}
