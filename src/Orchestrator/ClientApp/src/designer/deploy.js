// Deploy: checked first (the validator's errors and failing scenarios stop it, said where to look), then a dialog
// shows the change against the deployed version (bpmn-js-differ: added, removed, changed elements), how many running
// instances wait at removed or changed elements (they keep their version) and what goes with it, and asks to confirm.
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import { orcModdle } from './moddle.js';
import { api, ApiError, t, escapeHtml, announce } from './page.js';

async function definitionsOf(xml) {
  const moddle = new BpmnModdle({ orc: orcModdle() });
  const { rootElement } = await moddle.fromXML(xml);
  return rootElement;
}

const SKIPPED = new Set(['flowElements', 'incoming', 'outgoing', 'di', 'laneSets', 'artifacts', 'lanes']);

/**
 * What an element is, as text: every property of its own (nested values such as a timer's duration, a condition's
 * body, the orc: attributes and extension elements included; other elements by id). bpmn-js-differ compares the
 * element's own attributes, not a timer's or a condition's body, so a changed deadline would not show as a change.
 */
function fingerprint(element, depth = 0) {
  if (element === null || element === undefined || typeof element !== 'object') {
    return element;
  }
  if (Array.isArray(element)) {
    return element.map((e) => fingerprint(e, depth));
  }
  if (!element.$descriptor || depth > 6) {
    return String(element);
  }
  const result = { $type: element.$type };
  for (const property of element.$descriptor.properties) {
    if (SKIPPED.has(property.name) || property.name === 'id' && depth > 0) {
      continue;
    }
    const value = element.get(property.name);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    result[property.name] = property.isReference
      ? (Array.isArray(value) ? value.map((v) => v && v.id) : value && value.id)
      : fingerprint(value, depth + 1);
  }
  const attrs = Object.entries(element.$attrs || {}).filter(([k]) => !k.startsWith('xmlns'));
  if (attrs.length) {
    result.$attrs = Object.fromEntries(attrs.sort());
  }
  return result;
}

function flowElementsOf(definitions) {
  const byId = new Map();
  const visit = (container) => {
    for (const element of container.flowElements || []) {
      byId.set(element.id, element);
      visit(element);
    }
  };
  for (const root of definitions.rootElements || []) {
    if (root.$type === 'bpmn:Process') {
      byId.set(root.id, root);
      visit(root);
    }
  }
  return byId;
}

/** The elements added, removed and changed between two diagrams (layout-only moves are not changes). */
export async function changesBetween(deployedXml, draftXml) {
  const before = await definitionsOf(deployedXml);
  const after = await definitionsOf(draftXml);
  const changes = diff(before, after);
  const entry = (element) => ({ id: element.id, name: element.name || '', type: (element.$type || '').replace('bpmn:', '') });
  const changed = new Map(Object.values(changes._changed).map((c) => [c.model.id, { ...entry(c.model), attrs: Object.keys(c.attrs || {}) }]));
  const old = flowElementsOf(before);
  for (const [id, element] of flowElementsOf(after)) {
    const previous = old.get(id);
    if (previous && !changed.has(id) && JSON.stringify(fingerprint(previous)) !== JSON.stringify(fingerprint(element))) {
      changed.set(id, { ...entry(element), attrs: [] });
    }
  }
  return {
    added: Object.values(changes._added).map(entry),
    removed: Object.values(changes._removed).map(entry),
    changed: [...changed.values()],
  };
}

export class Deployer {
  /**
   * @param {{ modeler, processId, dialog: HTMLDialogElement, problems, scenarios, draft, forms: () => object, latestVersion: number|null }} options
   */
  constructor(options) {
    this._o = options;
    options.dialog.addEventListener('close', () => {
      if (options.dialog.returnValue === 'deploy') {
        this._deploy();
      }
    });
  }

  async start() {
    const { problems, scenarios, dialog } = this._o;
    announce(t('Deploy_Checking'));
    await problems.validateNow();
    if (problems.errorCount > 0) {
      announce(t('Deploy_RefusedErrors', { n: problems.errorCount }), 'alert');
      document.getElementById('problems-title').focus();
      return;
    }
    await this._o.draft.saveNow();
    const results = await scenarios.run();
    const failing = results.filter((r) => !r.passed);
    if (failing.length > 0) {
      announce(t('Deploy_RefusedScenarios', { n: failing.length, names: failing.map((r) => r.name).join(', ') }), 'alert');
      document.getElementById('scenarios-title').focus();
      return;
    }

    const { xml } = await this._o.modeler.saveXML({ format: true });
    this._xml = xml;
    let changes = { added: [], removed: [], changed: [] };
    let preview = { running: [], waiting: [], waitingInstances: 0, deployedVersion: null };
    const latest = this._o.latestVersion();
    if (latest) {
      const response = await fetch(`/api/definitions/${encodeURIComponent(this._o.processId)}/versions/${latest}/xml`, { credentials: 'same-origin' });
      changes = await changesBetween(await response.text(), xml);
      preview = await api('POST', '/api/designer/deploy/preview', {
        processId: this._o.processId,
        elementIds: [...changes.removed, ...changes.changed].map((c) => c.id),
      });
    }
    this._render(changes, preview, latest, results.length);
    dialog.returnValue = '';
    dialog.showModal();
  }

  _render(changes, preview, latest, scenarioCount) {
    const body = this._o.dialog.querySelector('#deploy-summary');
    const next = (latest || 0) + 1;
    this._o.dialog.querySelector('#deploy-title').textContent = t('Deploy_Title', { version: next });
    this._o.dialog.querySelector('#deploy-confirm').textContent = t('Deploy_Confirm', { version: next });
    const list = (title, items) => (items.length
      ? `<h3>${escapeHtml(title)}</h3><ul>${items.map((i) => `<li>${escapeHtml(i.name ? `«${i.name}» (${i.id})` : i.id)}${i.attrs && i.attrs.length ? ` — ${escapeHtml(i.attrs.join(', '))}` : ''}</li>`).join('')}</ul>`
      : '');
    const forms = Object.keys(this._o.forms());
    let html = '';
    if (!latest) {
      html += `<p>${escapeHtml(t('Deploy_FirstVersion'))}</p>`;
    } else if (!changes.added.length && !changes.removed.length && !changes.changed.length) {
      html += `<p>${escapeHtml(t('Deploy_NoDiagramChange', { version: latest }))}</p>`;
    } else {
      html += `<p>${escapeHtml(t('Deploy_Against', { version: latest }))}</p>`;
      html += list(t('Deploy_Added', { n: changes.added.length }), changes.added);
      html += list(t('Deploy_Removed', { n: changes.removed.length }), changes.removed);
      html += list(t('Deploy_Changed', { n: changes.changed.length }), changes.changed);
    }
    if (forms.length) {
      html += `<p>${escapeHtml(t('Deploy_Forms', { forms: forms.join(', ') }))}</p>`;
    }
    const running = preview.running.reduce((sum, v) => sum + v.count, 0);
    html += `<h3>${escapeHtml(t('Deploy_RunningTitle'))}</h3>`;
    html += running === 0
      ? `<p>${escapeHtml(t('Deploy_NoneRunning'))}</p>`
      : `<ul>${preview.running.map((v) => `<li>${escapeHtml(t('Deploy_RunningOn', { n: v.count, version: v.version }))}</li>`).join('')}</ul>
         <p>${escapeHtml(t('Deploy_Waiting', { n: preview.waitingInstances }))}</p>
         ${preview.waiting.length ? `<ul>${preview.waiting.map((w) => `<li>${escapeHtml(t('Deploy_WaitingAt', { n: w.count, element: w.elementId }))}</li>`).join('')}</ul>` : ''}
         <p>${escapeHtml(t('Deploy_KeepVersion'))}</p>`;
    html += `<p>${escapeHtml(scenarioCount ? t('Deploy_ScenariosPass', { n: scenarioCount }) : t('Deploy_NoScenarios'))}</p>`;
    body.innerHTML = html;
  }

  async _deploy() {
    const { processId, draft, problems } = this._o;
    announce(t('Deploy_Deploying'));
    try {
      await draft.saveNow();
      const result = await api('POST', '/api/designer/deploy', {
        xml: this._xml,
        forms: this._o.forms(),
        scenarios: this._o.scenarios.scenarios,
        draftProcessId: processId,
        draftRevision: draft.revision,
      });
      draft.stop();
      const mine = result.processes.find((p) => p.processId === processId) || result.processes[0];
      window.location.assign(`/designer?deployed=${encodeURIComponent(mine.processId)}&version=${mine.version}&created=${mine.created}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        problems.showDeployProblems(e.problem.errors || []);
        announce(t('Deploy_Refused', { message: e.message }), 'alert');
        document.getElementById('problems-title').focus();
      } else if (e instanceof ApiError && e.status === 409) {
        draft.conflict(e.problem.current);
      } else {
        announce(t('Deploy_Failed', { message: e.message }), 'alert');
      }
    }
  }
}
