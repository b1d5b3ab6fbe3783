// The supervision pages' diagram: the journey drawn read-only by bpmn-js (NavigatedViewer: pan and zoom), with what the
// page's own tables already say in words laid over it. The journeys overview: a count badge where instances wait and a
// red one where incidents are (Camunda Cockpit's heat map); clicking an element lists its instances. The instance page:
// the active elements highlighted, the path already taken shaded, incidents in red. The badges repeat the tables beside
// the diagram (their text alternative), so they are hidden from screen readers. No data is read from the page but
// element ids and counts in data- attributes; the BPMN XML comes from the API, as deployed.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './supervision-diagram.css';

const container = document.getElementById('diagram');
if (container) {
  show(container).catch(() => failed(container));
}

function ids(value) {
  return (value || '').split(' ').filter(Boolean);
}

function failed(element) {
  element.dataset.state = 'failed';
  const message = element.querySelector('[data-diagram-failed]');
  if (message) {
    message.hidden = false;
  }
}

function badge(kind, count) {
  const span = document.createElement('span');
  span.className = 'diagram-badge diagram-badge-' + kind;
  span.setAttribute('aria-hidden', 'true');
  span.textContent = String(count);
  return span;
}

async function show(element) {
  const response = await fetch(element.dataset.xmlUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml, text/xml' } });
  if (!response.ok) {
    failed(element);
    return;
  }

  const xml = await response.text();
  const canvasHost = element.querySelector('[data-diagram-canvas]') || element;
  const viewer = new NavigatedViewer({ container: canvasHost });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  canvas.zoom('fit-viewport', 'auto');

  // Counts: from the rows of the table beside the diagram (data-element-id, data-waiting, data-incidents).
  const listed = new Set();
  document.querySelectorAll('[data-element-id]').forEach((row) => {
    const id = row.dataset.elementId;
    if (!registry.get(id)) {
      return;
    }

    listed.add(id);
    const waiting = Number(row.dataset.waiting || 0);
    const incidents = Number(row.dataset.incidents || 0);
    if (waiting > 0) {
      overlays.add(id, 'counts', { position: { bottom: 12, left: -12 }, html: badge('count', waiting) });
    }

    if (incidents > 0) {
      overlays.add(id, 'counts', { position: { bottom: 12, right: 12 }, html: badge('incident', incidents) });
      canvas.addMarker(id, 'has-incident');
    }
  });

  // Markers: the instance page's path and position, the overview's selected element.
  const markers = [['active', 'is-active'], ['done', 'is-done'], ['flows', 'is-taken'], ['incidents', 'has-incident'], ['selected', 'is-selected']];
  for (const [attribute, marker] of markers) {
    for (const id of ids(element.dataset[attribute])) {
      if (registry.get(id)) {
        canvas.addMarker(id, marker);
      }
    }
  }

  // Clicking an element with instances lists them (the same link as the table's).
  const link = element.dataset.elementLink;
  if (link) {
    viewer.get('eventBus').on('element.click', (event) => {
      if (listed.has(event.element.id)) {
        window.location.assign(link + encodeURIComponent(event.element.id) + '#instances');
      }
    });
  }

  element.dataset.state = 'ready';
}
