// The inbox: counts of every view arrive after the list; the list refreshes itself when a task of the person appears,
// changes hands or ends anywhere (server-sent events from GET /api/tasks/events, fed by the service's own signal and,
// with several nodes, by PostgreSQL NOTIFY). A refresh never moves a row under the pointer or takes away a row being
// used: while the pointer is over the list or the focus is in it, the new rows wait and the status says so.
import '../styles/tasks.css';
import { announce } from '../shared/status.js';

const root = document.querySelector('.inbox');
if (root) {
  let pending = false;
  let timer = 0;
  let pressed = false;

  const list = () => document.getElementById('inbox-list');

  async function loadCounts() {
    try {
      const response = await fetch(root.dataset.countsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return;
      }

      const counts = await response.json();
      for (const [view, n] of Object.entries(counts.views || {})) {
        show(root.querySelector(`[data-count="${view}"]`), n);
      }

      for (const [id, n] of Object.entries(counts.saved || {})) {
        show(root.querySelector(`[data-saved-count="${id}"]`), n);
      }
    } catch {
      // Offline: the counts stay as they were; the next change or reload brings them.
    }
  }

  function show(element, n) {
    if (element) {
      element.textContent = String(n);
      element.hidden = false;
    }
  }

  function busy() {
    const current = list();
    return !!current && (pressed || current.matches(':hover') || current.contains(document.activeElement));
  }

  async function refresh() {
    if (busy()) {
      if (!pending) {
        announce(root.dataset.livePending);
      }

      pending = true;
      return;
    }

    pending = false;
    try {
      const response = await fetch(root.dataset.rowsUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!response.ok || busy()) {
        pending = response.ok;
        return;
      }

      const holder = document.createElement('div');
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector('#inbox-list');
      const current = list();
      if (fresh && current) {
        current.replaceWith(fresh);
        watch(fresh);
        announce(root.dataset.liveUpdated);
      }
    } catch {
      pending = true; // offline: try again on the next change
    }

    loadCounts();
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  function watch(element) {
    element.addEventListener('pointerdown', () => { pressed = true; });
    element.addEventListener('pointerup', () => { pressed = false; });
    element.addEventListener('pointerleave', () => {
      pressed = false;
      if (pending) {
        later();
      }
    });
    element.addEventListener('focusout', (event) => {
      if (pending && !element.contains(event.relatedTarget)) {
        later();
      }
    });
  }

  watch(list());
  loadCounts();
  if (window.EventSource && root.dataset.liveUrl) {
    const events = new EventSource(root.dataset.liveUrl, { withCredentials: true });
    events.addEventListener('task', later);
    window.addEventListener('pagehide', () => events.close());
  }
}
