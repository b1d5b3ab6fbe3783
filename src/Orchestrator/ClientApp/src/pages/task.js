// The task page: the task's form in the form-js viewer (bundled from npm), filled by the server from the task's
// variables or the person's draft; server-side errors (422) shown at their fields; the draft saved on the server as
// the person types (PUT /api/tasks/{id}/draft, sealed there), retried when the connection comes back, and a warning
// before leaving with input not yet saved; the journey's diagram (bpmn-js NavigatedViewer, read-only) with this task
// highlighted (task-diagram.js, a script of its own so that the form is usable before the diagram's library is even
// compiled). Completing is the page's own form post with the form's data, so the server decides and answers.
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '../styles/tasks.css';
import { translatedValidation } from '../shared/form-messages.js';
import { antiforgeryToken } from '../shared/status.js';

const page = document.getElementById('task-page');
if (page) {
  const settings = JSON.parse(page.dataset.settings);
  const schema = page.dataset.schema ? JSON.parse(page.dataset.schema) : null;
  const data = JSON.parse(page.dataset.data || '{}');
  const complete = document.getElementById('complete-form');
  const button = document.getElementById('complete');
  const field = document.getElementById('complete-data');
  const status = document.getElementById('draft-status');
  const broken = document.getElementById('form-broken');
  const texts = settings.texts || {};
  const clock = new Intl.DateTimeFormat(settings.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: settings.timeZone });
  let form = null;
  let saved = '';
  let submitting = false;
  let saveTimer = 0;
  let saving = null;
  let stopped = false;

  const formData = () => (typeof form._getSubmitData === 'function' ? form._getSubmitData() : form._getState().data);
  const say = (text) => { if (status) { status.textContent = text; } };

  async function saveDraft() {
    clearTimeout(saveTimer);
    if (!form || stopped || submitting) {
      return;
    }

    const body = JSON.stringify(formData());
    if (body === saved) {
      return;
    }

    if (saving) {
      await saving;
      return saveDraft();
    }

    say(texts.saving);
    saving = (async () => {
      try {
        const response = await fetch(settings.draftUrl, {
          method: 'PUT',
          credentials: 'same-origin',
          keepalive: body.length < 60000,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': antiforgeryToken() },
          body: JSON.stringify({ data: JSON.parse(body) }),
        });
        if (response.ok) {
          const answer = await response.json();
          saved = body;
          say(texts.saved.replace('{0}', clock.format(new Date(answer.savedAt))));
        } else {
          // The task went to someone else, ended, or the session ended: the input stays on the page.
          let detail = String(response.status);
          try {
            detail = (await response.json()).detail || detail;
          } catch {
            // not JSON
          }

          stopped = response.status === 403 || response.status === 409;
          say(texts.failed.replace('{0}', detail));
        }
      } catch {
        say(texts.offline);
        saveTimer = setTimeout(saveDraft, 10000);
      } finally {
        saving = null;
      }
    })();
    await saving;
  }

  function showServerErrors(errors) {
    if (!errors || errors.length === 0) {
      return;
    }

    // The server names a data path ("children[2].name"); form-js keys errors by field id and list indexes.
    const instances = form.get('formFieldInstanceRegistry').getAllKeyed();
    const byField = {};
    for (const error of errors) {
      const path = error.field.replace(/\[(\d+)\]/g, '.$1').split('.');
      const instance = instances.find((i) => (i.valuePath || []).map(String).join('.') === path.join('.'));
      if (instance) {
        let node = byField;
        const keys = [instance.id, ...Object.values(instance.indexes || {})];
        keys.slice(0, -1).forEach((k) => { node = node[k] = node[k] || {}; });
        node[keys[keys.length - 1]] = [error.message];
      }
    }

    form._setState({ errors: byField });
  }

  async function openForm() {
    if (!schema) {
      return;
    }

    // No debounce of text fields: every keystroke is in the form's data at once, so a choice clicked right after typing
    // is never overwritten by the text's late update, and the draft sees what is on the screen.
    form = new Form({
      container: document.getElementById('task-form'),
      debounce: false,
      properties: { readOnly: !settings.editable },
      additionalModules: [translatedValidation(settings.formMessages)],
    });
    await form.importSchema(schema, data);
    showServerErrors(settings.errors);
    saved = JSON.stringify(formData());
    if (!settings.editable) {
      return;
    }

    if (button) {
      button.disabled = false;
    }

    form.on('changed', () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveDraft, 800);
      if (broken && Object.keys(form._getState().errors || {}).length === 0) {
        broken.hidden = true;
      }
    });
  }

  if (complete) {
    complete.addEventListener('submit', (event) => {
      if (submitting) {
        event.preventDefault();
        return;
      }

      if (form) {
        const result = form.submit();
        if (Object.keys(result.errors).length > 0) {
          event.preventDefault();
          if (broken) {
            broken.hidden = false;
          }

          const invalid = document.querySelector('#task-form [aria-invalid="true"], #task-form .fjs-has-errors input, #task-form .fjs-has-errors textarea, #task-form .fjs-has-errors select');
          if (invalid) {
            invalid.focus();
          }

          return;
        }

        field.value = JSON.stringify(result.data);
      }

      submitting = true;
      button.disabled = true;
    });
  }

  window.addEventListener('beforeunload', (event) => {
    if (form && settings.editable && !submitting && JSON.stringify(formData()) !== saved) {
      saveDraft();
      event.preventDefault();
      event.returnValue = texts.unsaved;
    }
  });
  window.addEventListener('online', () => saveDraft());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      saveDraft();
    }
  });

  // The page is ready to use once the form is there (the diagram beside it may come a moment later).
  // The mark lets the benchmarks read, in the browser's own clock, how long after navigation the page was usable.
  const ready = () => {
    page.dataset.ready = 'true';
    performance.mark('task-ready');
  };
  openForm().then(ready, (error) => {
    ready();
    if (broken) {
      broken.hidden = false;
      broken.textContent = String(error && error.message ? error.message : error);
    }
  });
}
