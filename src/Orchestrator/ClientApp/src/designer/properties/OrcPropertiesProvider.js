// The properties panel's groups for our BPMN dialect, built from the one moddle descriptor (Designer/orc-moddle.json):
// for every descriptor type an element is (its "extends"), a group with a field per orc: attribute, labelled and
// explained in the page's language (Orc_<attribute>, Orc_<attribute>_Help), checked and previewed by the field's
// "editor" hint in the descriptor. Besides the attributes: the timer of a timer event (duration, date or cycle with a
// plain-language preview), the condition of a sequence flow (FEEL, checked), the called process, and the input and
// output mappings (orc:input/orc:output, orc:in/orc:out).
import { h } from '@bpmn-io/properties-panel/preact';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import descriptor from '../../../../Designer/orc-moddle.json';
import { t, has } from '../page.js';
import { timerWords } from '../timer-words.js';
import { OrcField, OrcList } from './fields.js';

const ATTRIBUTE_TYPES = descriptor.types.filter((type) => Array.isArray(type.extends) && type.extends.length > 0);

/** The descriptor types that apply to a business object, with the object their attributes live on. */
function applicableTypes(bo) {
  const result = [];
  for (const type of ATTRIBUTE_TYPES) {
    if (type.name === 'Loop') {
      const loop = bo.loopCharacteristics;
      if (loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
        result.push({ type, target: loop });
      }
      continue;
    }
    if (type.name === 'ActivityLoop') {
      // The Camunda 7 spelling on the activity itself: shown only when a file uses it.
      if (is(bo, 'bpmn:Activity') && type.properties.some((p) => bo.get('orc:' + p.name))) {
        result.push({ type, target: bo });
      }
      continue;
    }
    if (type.extends.some((base) => is(bo, base)) && !(type.name === 'Correlation' && is(bo, 'bpmn:Event') && !hasMessage(bo))) {
      result.push({ type, target: bo });
    }
  }
  return result;
}

function hasMessage(bo) {
  return (bo.eventDefinitions || []).some((d) => is(d, 'bpmn:MessageEventDefinition'));
}

function label(name) {
  return has('Orc_' + name) ? t('Orc_' + name) : name;
}

function help(name, fallback) {
  return has('Orc_' + name + '_Help') ? t('Orc_' + name + '_Help') : fallback;
}

/** The words a duration counts from, for the element being edited. */
function anchorOf(bo, kind) {
  if (kind === 'task') {
    return t('Anchor_TaskCreated');
  }
  if (is(bo, 'bpmn:BoundaryEvent') && bo.attachedToRef) {
    return t('Anchor_Host', { name: bo.attachedToRef.name || bo.attachedToRef.id });
  }
  if (is(bo, 'bpmn:StartEvent') && bo.$parent && is(bo.$parent, 'bpmn:SubProcess')) {
    return t('Anchor_Host', { name: bo.$parent.name || bo.$parent.id });
  }
  return t('Anchor_Arrival');
}

export default class OrcPropertiesProvider {
  constructor(propertiesPanel, injector) {
    this._injector = injector;
    this._options = injector.get('config.orcProperties', false) || {};
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element) {
    return (groups) => {
      const bo = getBusinessObject(element);
      const added = [];
      const timer = this._timerGroup(element, bo);
      if (timer) {
        // Ours replaces the library's timer group: the same settings, with the preview in words and FEEL checked.
        groups = groups.filter((g) => g.id !== 'timer');
        added.push(timer);
      }
      const condition = this._conditionGroup(element, bo);
      if (condition) {
        added.push(condition);
      }
      for (const { type, target } of applicableTypes(bo)) {
        added.push(this._attributeGroup(element, type, target));
      }
      const mappings = this._mappingGroup(element, bo);
      if (mappings) {
        added.push(mappings);
      }

      // Ours right after the general group (name and id), the library's others after them.
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general < 0 ? 0 : general + 1, 0, ...added);
      return groups;
    };
  }

  _service(name) {
    return this._injector.get(name);
  }

  _setOn(element, target, property, value) {
    const modeling = this._service('modeling');
    const next = value === '' || value === null || value === undefined ? undefined : value;
    if (target === getBusinessObject(element)) {
      modeling.updateProperties(element, { [property]: next });
    } else {
      modeling.updateModdleProperties(element, target, { [property]: next });
    }
  }

  _attributeGroup(element, type, target) {
    const entries = type.properties.map((property) => {
      const name = 'orc:' + property.name;
      const id = `orc-${type.name}-${property.name}`;
      const base = {
        id,
        component: OrcField,
        label: label(property.name),
        help: help(property.name, property.description),
        getValue: () => {
          // moddle answers a property's default when it is not set; the field shows it as its placeholder instead.
          const set = Object.prototype.hasOwnProperty.call(target, name) || Object.prototype.hasOwnProperty.call(target, property.name)
            || (target.$attrs && name in target.$attrs);
          const v = target.get(name);
          return v === undefined || v === null || (!set && property.default !== undefined && v === property.default) ? '' : String(v);
        },
        setValue: (value) => this._setOn(element, target, name, property.type === 'Integer' && value !== '' && /^\d+$/.test(value) ? Number(value) : value),
        rule: property.editor === 'feel' ? 'feel' : property.editor === 'literal' || property.editor === 'select' || property.editor === 'name' ? 'literal' : 'literal-or-feel',
        isEdited: (node) => node && node.value !== '',
        placeholder: property.default !== undefined ? String(property.default) : undefined,
      };
      return this._specialise(base, property, target);
    });
    return { id: 'orc-' + type.name, label: has('OrcGroup_' + type.name) ? t('OrcGroup_' + type.name) : type.name, entries, shouldOpen: true };
  }

  _specialise(entry, property, target) {
    const options = this._options;
    switch (property.editor) {
      case 'select':
        return {
          ...entry,
          options: [{ value: '', label: t('Panel_Default') }, ...(property.values || []).map((v) => ({ value: v, label: has(`Orc_${property.name}_${v}`) ? t(`Orc_${property.name}_${v}`) : v }))],
        };
      case 'deadline':
      case 'reminder':
        return { ...entry, preview: (value) => timerWords(property.editor, value, anchorOf(target, 'task')) };
      case 'forms': {
        const forms = options.forms ? options.forms() : [];
        return {
          ...entry,
          suggestions: forms.map((f) => ({ value: f.key, label: f.title ? `${f.key} — ${f.title}` : f.key })),
          after: h(FormButtons, { entry, openForm: options.openForm, forms }),
        };
      }
      case 'handlers': {
        const handlers = options.handlers ? options.handlers() : [];
        return {
          ...entry,
          suggestions: handlers.map((x) => ({ value: x.type, label: x.description || x.type })),
          after: h(HandlerHelp, { entry, handlers }),
        };
      }
      case 'processes': {
        const processes = options.processes ? options.processes() : [];
        return { ...entry, suggestions: processes.map((p) => ({ value: p, label: p })) };
      }
      default:
        return entry;
    }
  }

  _timerGroup(element, bo) {
    const definition = (bo.eventDefinitions || []).find((d) => is(d, 'bpmn:TimerEventDefinition'));
    if (!definition) {
      return null;
    }
    const kinds = [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']];
    const current = () => kinds.find(([property]) => definition.get(property)) || (is(bo, 'bpmn:StartEvent') && !is(bo.$parent, 'bpmn:SubProcess') ? kinds[2] : kinds[0]);
    const bpmnFactory = this._service('bpmnFactory');
    const write = (property, body) => {
      const values = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined };
      values[property] = body === '' ? undefined : bpmnFactory.create('bpmn:FormalExpression', { body });
      this._service('modeling').updateModdleProperties(element, definition, values);
    };
    const valueOf = () => {
      const expression = definition.get(current()[0]);
      return expression ? expression.body || '' : '';
    };
    return {
      id: 'orc-timer',
      label: t('Panel_TimerGroup'),
      shouldOpen: true,
      entries: [
        {
          id: 'orc-timer-kind',
          component: OrcField,
          label: t('Panel_TimerKind'),
          options: kinds.map(([property, kind]) => ({ value: property, label: t('Panel_Timer_' + kind) })),
          getValue: () => current()[0],
          setValue: (property) => write(property, valueOf() || ''),
        },
        {
          id: 'orc-timer-value',
          component: OrcField,
          label: t('Panel_Timer_' + current()[1] + '_Value'),
          help: t('Panel_Timer_' + current()[1] + '_Help'),
          rule: 'literal-or-feel',
          getValue: valueOf,
          setValue: (value) => write(current()[0], value),
          preview: (value) => timerWords(current()[1], value, anchorOf(bo)),
          isEdited: (node) => node && node.value !== '',
        },
      ],
    };
  }

  _conditionGroup(element, bo) {
    if (!is(bo, 'bpmn:SequenceFlow') || !bo.sourceRef || !(is(bo.sourceRef, 'bpmn:ExclusiveGateway') || is(bo.sourceRef, 'bpmn:InclusiveGateway') || bo.conditionExpression)) {
      return null;
    }
    const isDefault = bo.sourceRef.default === bo;
    const bpmnFactory = this._service('bpmnFactory');
    return {
      id: 'orc-condition',
      label: t('Panel_ConditionGroup'),
      shouldOpen: true,
      entries: [{
        id: 'orc-condition-expression',
        component: OrcField,
        label: t('Panel_Condition'),
        help: isDefault ? t('Panel_ConditionDefault') : t('Panel_Condition_Help'),
        rule: 'feel',
        multiline: true,
        getValue: () => (bo.conditionExpression ? bo.conditionExpression.body || '' : ''),
        setValue: (value) => this._service('modeling').updateProperties(element, {
          conditionExpression: value.trim() === '' ? undefined : bpmnFactory.create('bpmn:FormalExpression', { body: value }),
        }),
        isEdited: (node) => node && node.value !== '',
      }],
    };
  }

  _mappingGroup(element, bo) {
    if (!is(bo, 'bpmn:FlowNode')) {
      return null;
    }
    const entries = [];
    const kinds = is(bo, 'bpmn:CallActivity') ? ['input', 'output', 'in', 'out'] : ['input', 'output'];
    for (const kind of kinds) {
      entries.push({ id: 'orc-mapping-' + kind, component: OrcList, ...this._mappingList(element, bo, kind) });
    }
    if (is(bo, 'bpmn:CallActivity')) {
      const processes = this._options.processes ? this._options.processes() : [];
      entries.unshift({
        id: 'orc-called-element',
        component: OrcField,
        label: t('Panel_CalledElement'),
        help: t('Panel_CalledElement_Help'),
        rule: 'literal',
        suggestions: processes.map((p) => ({ value: p, label: p })),
        getValue: () => bo.get('calledElement') || '',
        setValue: (value) => this._service('modeling').updateProperties(element, { calledElement: value || undefined }),
      });
    }
    return { id: 'orc-mappings', label: t('Panel_MappingsGroup'), entries, shouldOpen: false };
  }

  _mappingList(element, bo, kind) {
    const moddleType = 'orc:' + kind.charAt(0).toUpperCase() + kind.slice(1);
    const bpmnFactory = this._service('bpmnFactory');
    const modeling = this._service('modeling');
    const items = () => ((bo.extensionElements && bo.extensionElements.values) || []).filter((v) => is(v, moddleType));
    const fieldsOf = (item) => {
      const names = kind === 'in' || kind === 'out' ? ['source', 'target', 'variables'] : ['target', 'source'];
      return names.map((name) => ({
        id: name,
        label: t(`Panel_Mapping_${name}`),
        rule: name === 'source' ? (kind === 'in' || kind === 'out' ? 'feel' : 'literal-or-feel') : 'literal',
        getValue: () => item.get(name) || '',
        setValue: (value) => modeling.updateModdleProperties(element, item, { [name]: value || undefined }),
      }));
    };
    return {
      label: t(`Panel_Mappings_${kind}`),
      addLabel: t(`Panel_AddMapping_${kind}`),
      rows: items().map((item, index) => ({
        key: index,
        fields: fieldsOf(item),
        remove: () => {
          const values = bo.extensionElements.values.filter((v) => v !== item);
          modeling.updateModdleProperties(element, bo.extensionElements, { values });
        },
      })),
      add: () => {
        let extensionElements = bo.extensionElements;
        if (!extensionElements) {
          extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
          modeling.updateProperties(element, { extensionElements });
        }
        const item = bpmnFactory.create(moddleType, {});
        item.$parent = extensionElements;
        modeling.updateModdleProperties(element, extensionElements, { values: [...(extensionElements.values || []), item] });
      },
    };
  }
}

OrcPropertiesProvider.$inject = ['propertiesPanel', 'injector'];

function FormButtons(props) {
  const { entry, openForm } = props;
  if (!openForm) {
    return null;
  }
  return h('p', { class: 'orc-actions' }, h('button', {
    type: 'button',
    class: 'orc-button',
    onClick: () => openForm(String(entry.getValue() || '').trim()),
  }, t('Panel_EditForm')));
}

function HandlerHelp(props) {
  const { entry, handlers } = props;
  const handler = handlers.find((x) => x.type === entry.getValue());
  if (!handler) {
    return entry.getValue() ? h('p', { class: 'orc-preview orc-preview-invalid' }, t('Panel_HandlerUnknown')) : null;
  }
  const field = (f) => h('li', null, [h('code', null, f.name), f.required ? ' ' + t('Panel_Required') : '', f.description ? ' — ' + f.description : '']);
  return h('div', { class: 'orc-handler' }, [
    handler.description ? h('p', null, handler.description) : null,
    handler.registered ? null : h('p', { class: 'orc-preview-invalid' }, t('Panel_HandlerNotRegistered')),
    handler.inputs.length ? [h('p', { class: 'orc-handler-title' }, t('Panel_HandlerInputs')), h('ul', null, handler.inputs.map(field))] : null,
    handler.outputs.length ? [h('p', { class: 'orc-handler-title' }, t('Panel_HandlerOutputs')), h('ul', null, handler.outputs.map(field))] : null,
    handler.errors.length ? h('p', null, [t('Panel_HandlerErrors') + ' ', ...handler.errors.map((e) => h('code', null, e + ' '))]) : null,
  ]);
}
