// The task page's diagram: the journey drawn read-only (bpmn-js NavigatedViewer, bundled from npm: pan and zoom, no
// editing) with the current task outlined and tinted; the text above it names the task for those who cannot see it.
// A script of its own, run after task.js, so that the form is usable before this library is compiled.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';

const page = document.getElementById('task-page');
const host = document.getElementById('task-diagram');
if (page && host) {
  const settings = JSON.parse(page.dataset.settings);
  (async () => {
    try {
      const response = await fetch(settings.diagramUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
      if (!response.ok) {
        throw new Error(String(response.status));
      }

      const viewer = new NavigatedViewer({ container: host });
      await viewer.importXML(await response.text());
      const canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      const current = viewer.get('elementRegistry').get(settings.elementId);
      if (current) {
        canvas.addMarker(current, 'current-task');
        if (canvas.zoom() < 0.6) {
          canvas.zoom(0.8, { x: current.x + current.width / 2, y: current.y + current.height / 2 });
        }

        canvas.scrollToElement(current);
      }
    } catch {
      host.textContent = (settings.texts || {}).diagramFailed || '';
    }
  })();
}
