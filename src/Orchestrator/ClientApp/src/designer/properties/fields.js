// The properties panel's fields for the orc: dialect: native inputs with a label, the attribute's help, FEEL checked on
// the server as it is typed (the position and message of an error, announced at the field), and a plain-language
// preview for timers and deadlines. Written with preact's h() (the properties panel's own copy) rather than its stock
// entries, so that every field is a labelled native control a keyboard and a screen reader use as any other.
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { api, t } from '../page.js';

const feelCache = new Map();

/** Asks the server whether FEEL parses; cached by text. */
export function checkFeel(expression, unaryTests = false) {
  const key = (unaryTests ? 'u:' : 'e:') + expression;
  if (!feelCache.has(key)) {
    feelCache.set(key, api('POST', '/api/designer/feel', { expression, unaryTests }).catch(() => ({ valid: true, errors: [] })));
  }
  return feelCache.get(key);
}

/** Whether a value is FEEL under the field's rule: 'feel' always, 'literal-or-feel' after a leading '='. */
export function isFeel(rule, value) {
  const text = String(value ?? '').trim();
  return text.length > 0 && (rule === 'feel' || text.startsWith('='));
}

/**
 * One field. Props: element, id, label, help, getValue(), setValue(value), rule ('feel' | 'literal-or-feel' |
 * 'literal'), multiline, options ([{ value, label }] for a select), suggestions (for a datalist), preview(value) →
 * { text, valid }, after (extra content under the field), unaryTests.
 */
export function OrcField(props) {
  const { element, id, label, help, getValue, setValue, rule = 'literal', multiline, options, suggestions, preview, after, unaryTests, placeholder } = props;
  const modelValue = getValue() ?? '';
  const [value, setLocal] = useState(modelValue);
  const [feelError, setFeelError] = useState(null);
  const timer = useRef(null);
  const inputId = 'orc-' + id;

  // Another element selected, or the model changed under us (undo, another field): show the model's value.
  useEffect(() => {
    setLocal(modelValue);
  }, [element, modelValue]);

  useEffect(() => {
    let cancelled = false;
    setFeelError(null);
    if (!isFeel(rule, value)) {
      return undefined;
    }
    const handle = setTimeout(() => {
      checkFeel(value, unaryTests).then((result) => {
        if (!cancelled) {
          setFeelError(result.valid ? null : result.errors[0]);
        }
      });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(handle);
    };
  }, [value, rule, unaryTests]);

  const commit = (next) => {
    setLocal(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setValue(next), 300);
  };
  const flush = () => {
    clearTimeout(timer.current);
    if ((getValue() ?? '') !== value) {
      setValue(value);
    }
  };

  const described = [];
  const helpId = inputId + '-help';
  const errorId = inputId + '-error';
  const previewId = inputId + '-preview';
  const shown = preview ? preview(value) : null;
  if (feelError) {
    described.push(errorId);
  }
  if (shown && shown.text) {
    described.push(previewId);
  }
  if (help) {
    described.push(helpId);
  }

  const common = {
    id: inputId,
    name: id,
    class: 'bio-properties-panel-input',
    'aria-describedby': described.join(' ') || undefined,
    'aria-invalid': feelError || (shown && !shown.valid) ? 'true' : undefined,
  };
  let control;
  if (options) {
    const known = options.some((o) => o.value === value);
    control = h('select', { ...common, value, onChange: (e) => { setLocal(e.target.value); setValue(e.target.value); } }, [
      ...options.map((o) => h('option', { value: o.value }, o.label)),
      known ? null : h('option', { value }, value),
    ]);
  } else if (multiline) {
    control = h('textarea', { ...common, rows: 3, spellcheck: false, value, placeholder, onInput: (e) => commit(e.target.value), onBlur: flush });
  } else {
    const listId = suggestions && suggestions.length ? inputId + '-list' : undefined;
    control = [
      h('input', { ...common, type: 'text', spellcheck: false, autocomplete: 'off', list: listId, value, placeholder, onInput: (e) => commit(e.target.value), onBlur: flush }),
      listId ? h('datalist', { id: listId }, suggestions.map((s) => h('option', { value: s.value, label: s.label }))) : null,
    ];
  }

  return h('div', { class: 'bio-properties-panel-entry orc-entry', 'data-entry-id': id }, [
    h('label', { for: inputId, class: 'bio-properties-panel-label' }, label),
    control,
    feelError
      ? h('p', { id: errorId, class: 'bio-properties-panel-error orc-feel-error' },
        t('Feel_Error', { line: feelError.line, column: feelError.column, message: feelError.message }))
      : null,
    shown && shown.text ? h('p', { id: previewId, class: shown.valid ? 'orc-preview' : 'orc-preview orc-preview-invalid' }, shown.text) : null,
    help ? h('p', { id: helpId, class: 'bio-properties-panel-description' }, help) : null,
    after || null,
  ]);
}

/**
 * A list of mappings (orc:input, orc:output, orc:in, orc:out): each row its fields, a button to remove it, and one to
 * add a row. Props: element, id, label, rows [{ key, fields: [{ id, label, getValue, setValue, rule }] , remove }], add.
 */
export function OrcList(props) {
  const { id, label, rows, add, addLabel, element } = props;
  return h('div', { class: 'bio-properties-panel-entry orc-list', 'data-entry-id': id }, [
    h('p', { class: 'orc-list-title', id: 'orc-' + id + '-title' }, label),
    rows.length === 0 ? h('p', { class: 'bio-properties-panel-description' }, t('Panel_ListEmpty')) : null,
    h('ul', { 'aria-labelledby': 'orc-' + id + '-title' }, rows.map((row, index) =>
      h('li', { key: row.key, class: 'orc-list-row' }, [
        ...row.fields.map((f) => h(OrcField, { ...f, element, id: `${id}-${index}-${f.id}` })),
        h('button', { type: 'button', class: 'orc-link-button', onClick: row.remove }, t('Panel_RemoveRow', { n: index + 1 })),
      ]))),
    h('button', { type: 'button', class: 'orc-button', onClick: add }, addLabel),
  ]);
}
