// The designer (/designer/edit/{processId}): bpmn-js's Modeler with the properties panel for our dialect, the server's
// validator on every change (markers and a problems list), the scenarios run against the draft, the text outline of
// the flow, the draft autosaved with optimistic concurrency, the form editor, token simulation, export and deploy.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnModdle } from 'bpmn-moddle';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import '../designer/designer.css';
import { orcModdle, descriptor } from '../designer/moddle.js';
import OrcPropertiesModule from '../designer/properties/index.js';
import { readJson, setWords, t, debounce, announce } from '../designer/page.js';
import { translateModule } from '../designer/translate.js';
import { convertCamundaAttributes } from '../designer/camunda.js';
import { renderOutline } from '../designer/outline.js';
import { ProblemsView } from '../designer/problems.js';
import { ScenariosView } from '../designer/scenarios.js';
import { DraftSaver } from '../designer/drafts.js';
import { Deployer } from '../designer/deploy.js';
import { FormsEditor } from '../designer/forms.js';
import { downloadXml, downloadSvg, downloadPng, printDiagram } from '../designer/export.js';

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/** A Camunda Modeler file speaks our dialect before it is drawn (camunda.js); returns the XML and what moved. */
async function fromCamunda(xml) {
  if (!xml.includes(CAMUNDA)) {
    return { xml, moved: [] };
  }
  const moddle = new BpmnModdle({ orc: orcModdle() });
  const { rootElement } = await moddle.fromXML(xml);
  const moved = convertCamundaAttributes(rootElement);
  if (moved.length === 0) {
    return { xml, moved };
  }
  rootElement.$attrs['xmlns:orc'] = descriptor.uri;
  const out = await moddle.toXML(rootElement, { format: true });
  return { xml: out.xml, moved };
}

async function main() {
  const root = document.getElementById('designer');
  const data = readJson('designer-data');
  setWords(readJson('designer-words'));
  const processId = data.processId;
  const formList = data.forms;

  const formsEditor = new FormsEditor({
    dialog: document.getElementById('form-dialog'),
    forms: data.draft.forms,
    onChange: () => changed(),
    revalidate: () => problems.validate(),
  });

  const modeler = new Modeler({
    container: '#canvas',
    propertiesPanel: { parent: '#properties' },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, OrcPropertiesModule, TokenSimulationModule, translateModule(readJson('designer-bpmn-words') || {})],
    moddleExtensions: { orc: orcModdle() },
    orcProperties: {
      forms: () => [...formList, ...Object.keys(formsEditor.edited).filter((k) => !formList.some((f) => f.key === k)).map((key) => ({ key, title: null }))],
      handlers: () => data.handlers,
      processes: () => data.processes,
      openForm: (key) => formsEditor.open(key),
    },
  });

  const { xml, moved } = await fromCamunda(data.draft.xml);
  await modeler.importXML(xml);
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport');
  root.dataset.ready = 'true';

  const select = (id) => {
    const element = modeler.get('elementRegistry').get(id);
    if (!element) {
      return;
    }
    modeler.get('selection').select(element);
    if (canvas.zoom() < 0.75 && !element.waypoints) {
      // A large journey fits the viewport only when tiny: bring the chosen element to a readable size.
      canvas.zoom(1, { x: element.x + element.width / 2, y: element.y + element.height / 2 });
    }
    canvas.scrollToElement(element);
    const heading = document.getElementById('properties-title');
    heading.focus();
    announce(t('Selected', { name: element.businessObject.name || id }));
  };

  const status = document.getElementById('draft-state');
  const draft = new DraftSaver({
    processId,
    revision: data.draft.revision,
    baseVersion: data.draft.baseVersion,
    status,
    conflictBox: document.getElementById('draft-conflict'),
    state: async () => ({
      xml: (await modeler.saveXML({ format: true })).xml,
      forms: formsEditor.edited,
      scenarios: scenarios.scenarios,
    }),
  });

  const problems = new ProblemsView(modeler, {
    list: document.getElementById('problems'),
    count: document.getElementById('problems-count'),
    forms: () => formsEditor.edited,
    onSelect: select,
  });

  const scenarios = new ScenariosView(modeler, {
    root: document.getElementById('scenarios'),
    processId,
    scenarios: data.draft.scenarios,
    onChange: () => draft.markChanged(),
  });

  const outline = document.getElementById('outline');
  const drawOutline = debounce(() => renderOutline(outline, modeler.getDefinitions(), select), 300);
  renderOutline(outline, modeler.getDefinitions(), select);

  function changed() {
    draft.markChanged();
    problems.validate();
    scenarios.invalidate();
    drawOutline();
  }

  modeler.on('commandStack.changed', changed);

  const deployer = new Deployer({
    modeler,
    processId,
    dialog: document.getElementById('deploy-dialog'),
    problems,
    scenarios,
    draft,
    forms: () => formsEditor.edited,
    latestVersion: () => data.latestVersion,
  });

  document.getElementById('action-save').addEventListener('click', async () => {
    draft.markChanged();
    await draft.saveNow();
    announce(status.textContent);
  });
  document.getElementById('action-run').addEventListener('click', () => {
    document.getElementById('scenarios-title').scrollIntoView();
    scenarios.run();
  });
  document.getElementById('action-deploy').addEventListener('click', () => deployer.start());
  document.getElementById('action-xml').addEventListener('click', () => downloadXml(modeler, processId));
  document.getElementById('action-svg').addEventListener('click', () => downloadSvg(modeler, processId));
  document.getElementById('action-png').addEventListener('click', () => downloadPng(modeler, processId));
  document.getElementById('action-print').addEventListener('click', () => printDiagram(modeler));
  document.getElementById('action-discard').addEventListener('click', async () => {
    if (window.confirm(t('Draft_DiscardConfirm'))) {
      await draft.discard();
      window.location.assign(`/designer?discarded=${encodeURIComponent(processId)}`);
    }
  });
  document.getElementById('conflict-reload').addEventListener('click', () => window.location.reload());

  const simulate = document.getElementById('action-simulate');
  simulate.addEventListener('click', () => modeler.get('toggleMode').toggleMode());
  modeler.on('tokenSimulation.toggleMode', (event) => {
    simulate.setAttribute('aria-pressed', event.active ? 'true' : 'false');
    announce(t(event.active ? 'Simulation_On' : 'Simulation_Off'));
  });

  if (moved.length) {
    announce(t('Camunda_Converted', { n: moved.length }));
    document.getElementById('camunda-note').textContent = t('Camunda_ConvertedList', { list: moved.map((m) => `${m.element}: ${m.from} → ${m.to}`).join('; ') });
    draft.markChanged();
  }

  // The first check, then the page is ready for a person (and for the benchmark's clock).
  await problems.validateNow();
  root.dataset.checked = 'true';
}

main().catch((error) => {
  announce(t('Designer_LoadFailed', { message: error.message }), 'alert');
  throw error;
});
