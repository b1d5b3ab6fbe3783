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

  // Counts: from the rows of the table beside the diagram (data-element-id, data-waiting, data-incidents). A click on
  // an element or on its badge lists its instances (the same link as the table's; keyboard users follow that link).
  const link = element.dataset.elementLink;
  const open = (id) => window.location.assign(link + encodeURIComponent(id) + '#instances');
  const clickable = (span, id) => {
    if (link) {
      span.classList.add('diagram-badge-link');
      span.addEventListener('click', () => open(id));
    }

    return span;
  };
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
      // Unscaled, so that they stay readable when the whole journey is shown; placed apart (above left, below right)
      // so that two badges on a small element do not cover each other.
      overlays.add(id, 'counts', { position: { top: -14, left: -22 }, scale: false, html: clickable(badge('count', waiting), id) });
    }

    if (incidents > 0) {
      overlays.add(id, 'counts', { position: { bottom: 14, right: -4 }, scale: false, html: clickable(badge('incident', incidents), id) });
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

  // The instance page opens on where the instance is now, at a readable size; the overview shows the whole journey.
  const here = ids(element.dataset.active).map((id) => registry.get(id)).find(Boolean);
  if (here) {
    canvas.zoom(1);
    const box = canvas.viewbox();
    canvas.viewbox({ x: here.x + here.width / 2 - box.width / 2, y: here.y + here.height / 2 - box.height / 2, width: box.width, height: box.height });
  }

  // Zoom buttons (hidden until the diagram is there): a click instead of the mouse wheel or a pinch.
  const zoom = (factor) => canvas.zoom(Math.min(4, Math.max(0.1, canvas.zoom() * factor)));
  element.querySelectorAll('[data-zoom]').forEach((button) => {
    button.addEventListener('click', () => {
      const how = button.dataset.zoom;
      if (how === 'in') {
        zoom(1.25);
      } else if (how === 'out') {
        zoom(0.8);
      } else {
        canvas.zoom('fit-viewport', 'auto');
      }
    });
  });
  const toolbar = element.querySelector('[data-diagram-tools]');
  if (toolbar) {
    toolbar.hidden = false;
  }

  if (link) {
    viewer.get('eventBus').on('element.click', (event) => {
      if (listed.has(event.element.id)) {
        open(event.element.id);
      }
    });
  }

  element.dataset.state = 'ready';
}
