import fs from 'node:fs';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
for (const f of process.argv.slice(2)) {
  const src = fs.readFileSync(f, 'utf8');
  const moddle = new BpmnModdle(src.includes('camunda.org/schema/zeebe') ? { zeebe } : { camunda });
  const { rootElement, warnings, elementsById } = await moddle.fromXML(src);
  const di = new Set();
  for (const d of rootElement.diagrams || []) for (const e of d.plane.planeElement || []) di.add(e.bpmnElement?.id);
  const missing = Object.values(elementsById).filter(e => (e.$instanceOf('bpmn:FlowNode') || e.$instanceOf('bpmn:SequenceFlow')) && !di.has(e.id)).map(e => e.id);
  console.log(f.split('/').pop(), 'warnings:', warnings.length, warnings.map(w => w.message).join('; '), 'diagrams:', (rootElement.diagrams||[]).length, 'missing DI:', missing.join(',') || 'none');
}
