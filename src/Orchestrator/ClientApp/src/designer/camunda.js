// Camunda Modeler files: every camunda: attribute that has an orc: equivalent in our descriptor (the same local name
// on the same kind of element, plus camunda:formRef → orc:formKey) is moved to the orc: attribute when the file is
// opened, so the panel shows it and the saved file speaks our dialect. Anything else Camunda wrote (unknown
// attributes, extension elements such as camunda:inputOutput) is left exactly as it was: moddle keeps what it does not
// know, and the server's validator says what the engine cannot run.
import descriptor from '../../../Designer/orc-moddle.json';

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
const RENAMED = { formRef: 'formKey' };
const ORC_ATTRIBUTES = new Set(descriptor.types.filter((type) => Array.isArray(type.extends)).flatMap((type) => type.properties.map((p) => p.name)));

function camundaPrefixes(definitions) {
  const prefixes = new Set(['camunda']);
  for (const [name, value] of Object.entries(definitions.$attrs || {})) {
    if (value === CAMUNDA && name.startsWith('xmlns:')) {
      prefixes.add(name.slice('xmlns:'.length));
    }
  }
  return prefixes;
}

function* walk(object, seen = new Set()) {
  if (!object || typeof object !== 'object' || seen.has(object) || !object.$type) {
    return;
  }
  seen.add(object);
  yield object;
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('$') || key === 'di') {
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && item.$type && item.$parent === object) {
          yield* walk(item, seen);
        }
      }
    } else if (value && value.$type && value.$parent === object) {
      yield* walk(value, seen);
    }
  }
}

/**
 * Moves camunda: attributes to their orc: equivalents in a model just imported.
 * @returns {Array<{ element: string, from: string, to: string }>} what was moved
 */
export function convertCamundaAttributes(definitions) {
  const prefixes = camundaPrefixes(definitions);
  const moved = [];
  for (const object of walk(definitions)) {
    const attrs = object.$attrs || {};
    for (const key of Object.keys(attrs)) {
      const [prefix, local] = key.split(':');
      if (!local || !prefixes.has(prefix)) {
        continue;
      }
      const target = RENAMED[local] || local;
      if (!ORC_ATTRIBUTES.has(target) || local === 'type') {
        continue; // camunda:type is Camunda's external task, not our handler: the validator explains.
      }
      const known = object.$model && object.$model.getPropertyDescriptor(object, 'orc:' + target);
      if (!known) {
        continue;
      }
      if (object.get('orc:' + target) === undefined) {
        object.set('orc:' + target, attrs[key]);
      }
      delete attrs[key];
      moved.push({ element: object.id || (object.$parent && object.$parent.id) || object.$type, from: key, to: 'orc:' + target });
    }
  }
  return moved;
}
