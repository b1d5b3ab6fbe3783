// The moddle extension bpmn-js is given, built from the one descriptor (Designer/orc-moddle.json). moddle cannot declare
// an extension attribute whose local name is already a property of the element it extends (orc:script on a
// bpmn:ScriptTask, which has bpmn:script; orc:calledElement on a bpmn:CallActivity, which has calledElement): it refuses
// the whole element. Those attributes are left out of the extension given to moddle, which then keeps them as plain
// attributes ($attrs['orc:script']) and writes them back unchanged; the properties panel still shows and edits them,
// from the full descriptor, through the same get/set.
import bpmn from 'bpmn-moddle/resources/bpmn/json/bpmn.json';
import descriptor from '../../../Designer/orc-moddle.json';

const bpmnTypes = new Map(bpmn.types.map((type) => [type.name, type]));

/** The local names of a BPMN type's own and inherited properties. */
function propertiesOf(name, seen = new Set()) {
  const type = bpmnTypes.get(name.replace(/^bpmn:/, ''));
  if (!type || seen.has(type.name)) {
    return [];
  }
  seen.add(type.name);
  return [...(type.properties || []).map((p) => p.name), ...(type.superClass || []).flatMap((s) => propertiesOf(s, seen))];
}

/** Attributes of the descriptor moddle cannot declare, by descriptor type name. */
export const plainAttributes = new Map();

const extension = {
  ...descriptor,
  types: descriptor.types.map((type) => {
    if (!Array.isArray(type.extends)) {
      return type;
    }
    const taken = new Set(type.extends.flatMap((base) => propertiesOf(base)));
    const kept = type.properties.filter((p) => !taken.has(p.name));
    if (kept.length !== type.properties.length) {
      plainAttributes.set(type.name, type.properties.filter((p) => taken.has(p.name)).map((p) => p.name));
    }
    return { ...type, properties: kept };
  }),
};

/**
 * A fresh copy of the extension for each moddle: moddle rewrites the descriptor it registers in place (property names
 * become 'orc:name'), so the descriptor the properties panel reads must never be handed to it.
 */
export function orcModdle() {
  return JSON.parse(JSON.stringify(extension));
}

export { descriptor };
