// Usage: node layout.mjs in.bpmn out.bpmn [--no-di]
// Reads a hand-written BPMN file (semantic part), adds BPMNDI layout (one plane per process and per
// sub-process, sub-processes collapsed as bpmn-js draws them), and serializes it with bpmn-moddle
// exactly as bpmn-js / Camunda Modeler do.
import fs from 'node:fs';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

const [,, input, output, flag] = process.argv;
const source = fs.readFileSync(input, 'utf8');
const moddle = new BpmnModdle(source.includes('camunda.org/schema/zeebe') ? { zeebe } : { camunda });
const { rootElement: defs, warnings } = await moddle.fromXML(source);
for (const w of warnings) console.error('warning:', w.message);

const size = (el) => {
  const t = el.$type;
  if (t.endsWith('Event')) return { width: 36, height: 36 };
  if (t.endsWith('Gateway')) return { width: 50, height: 50 };
  return { width: 100, height: 80 };
};

function planeFor(container, planeElement) {
  const els = container.flowElements || [];
  const nodes = els.filter(e => !e.$type.endsWith('SequenceFlow') && e.$type !== 'bpmn:BoundaryEvent');
  const flows = els.filter(e => e.$type === 'bpmn:SequenceFlow');
  const boundaries = els.filter(e => e.$type === 'bpmn:BoundaryEvent');
  const inbound = new Map(nodes.map(n => [n.id, 0]));
  const layer = new Map();
  const starts = nodes.filter(n => !flows.some(f => f.targetRef === n) && !n.triggeredByEvent);
  const queue = starts.map(s => [s, 0]);
  for (const b of boundaries) queue.push([b, 1]);
  const seen = new Set();
  while (queue.length) {
    const [n, l] = queue.shift();
    if (layer.has(n.id) && layer.get(n.id) >= l) continue;
    if (seen.has(n.id + ':' + l)) continue; seen.add(n.id + ':' + l);
    if (l > 30) continue;
    layer.set(n.id, l);
    for (const f of flows.filter(f => f.sourceRef === n)) queue.push([f.targetRef, l + 1]);
  }
  const rows = new Map();
  const shapes = [];
  const bounds = new Map();
  let maxY = 0;
  for (const n of nodes) {
    if (n.triggeredByEvent) continue;
    const l = layer.get(n.id) ?? 0;
    const r = rows.get(l) ?? 0; rows.set(l, r + 1);
    const s = size(n);
    const cx = 170 + l * 160, cy = 120 + r * 140;
    const b = moddle.create('dc:Bounds', { x: cx - s.width / 2, y: cy - s.height / 2, ...s });
    bounds.set(n.id, b); maxY = Math.max(maxY, cy + 80);
    const attrs = { id: n.id + '_di', bpmnElement: n, bounds: b };
    if (n.$type === 'bpmn:ExclusiveGateway') attrs.isMarkerVisible = true;
    if (n.$type === 'bpmn:SubProcess') attrs.isExpanded = false;
    shapes.push(moddle.create('bpmndi:BPMNShape', attrs));
  }
  let x = 150;
  for (const n of nodes.filter(n => n.triggeredByEvent)) {
    const b = moddle.create('dc:Bounds', { x, y: maxY + 60, width: 100, height: 80 });
    bounds.set(n.id, b); x += 160;
    shapes.push(moddle.create('bpmndi:BPMNShape', { id: n.id + '_di', bpmnElement: n, isExpanded: false, bounds: b }));
  }
  const perHost = new Map();
  for (const be of boundaries) {
    const host = bounds.get(be.attachedToRef?.id);
    const k = perHost.get(be.attachedToRef?.id) ?? 0; perHost.set(be.attachedToRef?.id, k + 1);
    const b = host ? moddle.create('dc:Bounds', { x: host.x + 10 + k * 44, y: host.y + host.height - 18, width: 36, height: 36 })
                   : moddle.create('dc:Bounds', { x: 100, y: maxY + 200, width: 36, height: 36 });
    bounds.set(be.id, b);
    shapes.push(moddle.create('bpmndi:BPMNShape', { id: be.id + '_di', bpmnElement: be, bounds: b }));
  }
  const edges = [];
  for (const f of flows) {
    const s = bounds.get(f.sourceRef?.id), t = bounds.get(f.targetRef?.id);
    if (!s || !t) continue;
    const sy = s.y + s.height / 2, ty = t.y + t.height / 2;
    let wps;
    if (f.sourceRef.$type === 'bpmn:BoundaryEvent') {
      wps = [[s.x + s.width / 2, s.y + s.height], [s.x + s.width / 2, ty], [t.x, ty]];
    } else if (Math.abs(sy - ty) < 1) {
      wps = [[s.x + s.width, sy], [t.x, ty]];
    } else {
      const mx = s.x + s.width + 20;
      wps = [[s.x + s.width, sy], [mx, sy], [mx, ty], [t.x, ty]];
    }
    edges.push(moddle.create('bpmndi:BPMNEdge', { id: f.id + '_di', bpmnElement: f,
      waypoint: wps.map(([x, y]) => moddle.create('dc:Point', { x: Math.round(x), y: Math.round(y) })) }));
  }
  const plane = moddle.create('bpmndi:BPMNPlane', { id: planeElement.id + '_plane', bpmnElement: planeElement, planeElement: [...shapes, ...edges] });
  const diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: planeElement.id + '_diagram', plane })];
  for (const sub of nodes.filter(n => n.$type === 'bpmn:SubProcess')) diagrams.push(...planeFor(sub, sub));
  return diagrams;
}

defs.diagrams = [];
if (flag !== '--no-di') {
  for (const p of defs.rootElements.filter(e => e.$type === 'bpmn:Process')) {
    const d = planeFor(p, p);
    d[0].id = 'BPMNDiagram_' + p.id; d[0].plane.id = 'BPMNPlane_' + p.id;
    defs.diagrams.push(...d);
  }
}
const { xml } = await moddle.toXML(defs, { format: true });
fs.writeFileSync(output, xml + '\n');
