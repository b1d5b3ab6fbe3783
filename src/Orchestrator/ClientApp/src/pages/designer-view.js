// A deployed version, read-only: the diagram (navigable, not editable), its outline as text, and the XML to download.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import '../designer/designer.css';
import { orcModdle } from '../designer/moddle.js';
import { readJson, setWords } from '../designer/page.js';
import { renderOutline } from '../designer/outline.js';
import { downloadXml, downloadSvg, downloadPng, printDiagram } from '../designer/export.js';

async function main() {
  const root = document.getElementById('designer');
  const data = readJson('designer-data');
  setWords(readJson('designer-words'));
  const viewer = new NavigatedViewer({ container: '#canvas', moddleExtensions: { orc: orcModdle() } });
  await viewer.importXML(data.xml);
  viewer.get('canvas').zoom('fit-viewport');
  const outline = document.getElementById('outline');
  const select = (id) => {
    const element = viewer.get('elementRegistry').get(id);
    if (element) {
      viewer.get('canvas').scrollToElement(element);
      viewer.get('canvas').addMarker(id, 'orc-highlight');
      setTimeout(() => viewer.get('canvas').removeMarker(id, 'orc-highlight'), 1500);
    }
  };
  renderOutline(outline, viewer.getDefinitions(), select);
  const name = `${data.processId}-v${data.version}`;
  document.getElementById('action-xml').addEventListener('click', () => downloadXml(viewer, name));
  document.getElementById('action-svg').addEventListener('click', () => downloadSvg(viewer, name));
  document.getElementById('action-png').addEventListener('click', () => downloadPng(viewer, name));
  document.getElementById('action-print').addEventListener('click', () => printDiagram(viewer));
  root.dataset.ready = 'true';
}

main();
