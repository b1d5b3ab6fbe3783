// The flow as text, for a person who cannot see the canvas: each process's elements in the order a token meets them
// (breadth first from the start events along the sequence flows), each with its kind, name, who does it, its deadline
// and timers in words, and where it goes next with the conditions. Every entry is a button that selects the element,
// so the properties panel opens on it.
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { t, has, escapeHtml } from './page.js';
import { timerWords } from './timer-words.js';

function kindOf(bo) {
  const key = 'Kind_' + bo.$type.replace('bpmn:', '');
  const base = has(key) ? t(key) : bo.$type.replace('bpmn:', '');
  const definition = (bo.eventDefinitions || [])[0];
  if (definition) {
    const eventKey = 'Kind_' + definition.$type.replace('bpmn:', '');
    return has(eventKey) ? `${base} (${t(eventKey)})` : base;
  }
  return base;
}

function nameOf(bo) {
  return bo.name ? `«${bo.name}»` : bo.id;
}

function timerOf(bo) {
  const definition = (bo.eventDefinitions || []).find((d) => is(d, 'bpmn:TimerEventDefinition'));
  if (!definition) {
    return null;
  }
  for (const [property, kind] of [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']]) {
    const expression = definition.get(property);
    if (expression && expression.body) {
      const anchor = is(bo, 'bpmn:BoundaryEvent') && bo.attachedToRef
        ? t('Anchor_Host', { name: bo.attachedToRef.name || bo.attachedToRef.id })
        : t('Anchor_Arrival');
      const words = timerWords(kind, expression.body, anchor);
      return t('Outline_Timer', { value: expression.body, words: words.text });
    }
  }
  return t('Outline_TimerMissing');
}

function detailsOf(bo) {
  const details = [];
  const get = (name) => bo.get && bo.get('orc:' + name);
  if (is(bo, 'bpmn:UserTask')) {
    if (get('candidateGroups')) {
      details.push(t('Outline_Groups', { value: get('candidateGroups') }));
    }
    if (get('assignee')) {
      details.push(t('Outline_Assignee', { value: get('assignee') }));
    }
    if (get('formKey')) {
      details.push(t('Outline_Form', { value: get('formKey') }));
    }
    if (get('dueDate')) {
      details.push(t('Outline_Due', { value: get('dueDate'), words: timerWords('deadline', get('dueDate'), t('Anchor_TaskCreated')).text }));
    }
    if (get('reminder')) {
      details.push(t('Outline_Reminder', { value: get('reminder'), words: timerWords('reminder', get('reminder'), t('Anchor_TaskCreated')).text }));
    }
    if (get('escalateAfter')) {
      details.push(t('Outline_Escalation', { value: get('escalateAfter'), words: timerWords('deadline', get('escalateAfter'), t('Anchor_TaskCreated')).text }));
    }
  }
  if ((is(bo, 'bpmn:ServiceTask') || is(bo, 'bpmn:SendTask')) && get('type')) {
    details.push(t('Outline_Handler', { value: get('type') }));
  }
  if (is(bo, 'bpmn:SendTask') && get('template')) {
    details.push(t('Outline_Template', { value: get('template') }));
  }
  if (is(bo, 'bpmn:CallActivity') && bo.get('calledElement')) {
    details.push(t('Outline_Calls', { value: bo.get('calledElement') }));
  }
  const timer = timerOf(bo);
  if (timer) {
    details.push(timer);
  }
  if (bo.loopCharacteristics && is(bo.loopCharacteristics, 'bpmn:MultiInstanceLoopCharacteristics')) {
    details.push(t('Outline_Each', { value: bo.loopCharacteristics.get('orc:collection') || '?' }));
  }
  return details;
}

function flowWords(flow) {
  const target = nameOf(flow.targetRef);
  if (flow.sourceRef && flow.sourceRef.default === flow) {
    return t('Outline_FlowDefault', { target });
  }
  if (flow.conditionExpression && flow.conditionExpression.body) {
    return t('Outline_FlowIf', { target, condition: flow.conditionExpression.body.trim() });
  }
  return t('Outline_Flow', { target });
}

function order(container) {
  const nodes = (container.flowElements || []).filter((e) => !is(e, 'bpmn:SequenceFlow') && !is(e, 'bpmn:BoundaryEvent'));
  const boundary = (container.flowElements || []).filter((e) => is(e, 'bpmn:BoundaryEvent'));
  const starts = nodes.filter((n) => is(n, 'bpmn:StartEvent'));
  const seen = new Set();
  const result = [];
  const queue = [...starts];
  const visit = (node) => {
    if (!node || seen.has(node) || !nodes.includes(node)) {
      return;
    }
    seen.add(node);
    result.push(node);
    for (const b of boundary.filter((x) => x.attachedToRef === node)) {
      queue.push(b);
    }
    for (const flow of node.outgoing || []) {
      queue.push(flow.targetRef);
    }
  };
  for (const b of boundary) {
    // Boundary events are listed right after their host, and their paths after that.
    seen.add(b);
  }
  while (queue.length) {
    const node = queue.shift();
    if (is(node, 'bpmn:BoundaryEvent')) {
      result.push(node);
      for (const flow of node.outgoing || []) {
        queue.push(flow.targetRef);
      }
      continue;
    }
    visit(node);
  }
  const rest = nodes.filter((n) => !seen.has(n) && !(is(n, 'bpmn:SubProcess') && n.triggeredByEvent));
  const eventSubProcesses = nodes.filter((n) => is(n, 'bpmn:SubProcess') && n.triggeredByEvent && !seen.has(n));
  return { ordered: result, rest, eventSubProcesses };
}

function renderList(container) {
  const { ordered, rest, eventSubProcesses } = order(container);
  const item = (bo) => {
    const details = detailsOf(bo);
    const flows = (bo.outgoing || []).filter((f) => is(f, 'bpmn:SequenceFlow'));
    const nested = is(bo, 'bpmn:SubProcess') ? renderList(bo) : '';
    return `<li>
      <button type="button" class="outline-element" data-element-id="${escapeHtml(bo.id)}">${escapeHtml(kindOf(bo))}: ${escapeHtml(nameOf(bo))}</button>
      ${details.length ? `<ul class="outline-details">${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : ''}
      ${flows.length ? `<ul class="outline-flows">${flows.map((f) => `<li><button type="button" class="outline-flow" data-element-id="${escapeHtml(f.id)}">${escapeHtml(flowWords(f))}</button></li>`).join('')}</ul>` : ''}
      ${nested}
    </li>`;
  };
  let html = `<ol class="outline-list">${ordered.map(item).join('')}</ol>`;
  if (eventSubProcesses.length) {
    html += `<p class="outline-note">${escapeHtml(t('Outline_EventSubProcesses'))}</p><ol class="outline-list">${eventSubProcesses.map(item).join('')}</ol>`;
  }
  if (rest.length) {
    html += `<p class="outline-note">${escapeHtml(t('Outline_Unreached'))}</p><ul class="outline-list">${rest.map(item).join('')}</ul>`;
  }
  return html;
}

/** Renders the outline of a model into `container`; `onSelect(id)` is called when an entry is chosen. */
export function renderOutline(container, definitions, onSelect) {
  const processes = (definitions.rootElements || []).filter((e) => is(e, 'bpmn:Process'));
  container.innerHTML = processes.map((process) => `<section class="outline-process">
      <h3>${escapeHtml(t('Outline_Process', { name: process.name || process.id, id: process.id }))}</h3>
      ${renderList(process)}
    </section>`).join('');
  if (!container.dataset.bound) {
    container.dataset.bound = 'true';
    container.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-element-id]');
      if (button) {
        onSelect(button.dataset.elementId);
      }
    });
  }
}
