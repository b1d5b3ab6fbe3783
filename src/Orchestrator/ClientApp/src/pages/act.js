// The outside person's page (/act/{token}): the task's form in the form-js viewer, opened with the task's data; "Send
// answer" validates in the browser, then posts the form's data as JSON in the page's own form (with its anti-forgery
// field). The server checks the data again against the same schema. The bpmn.io watermark the viewer renders stays
// visible (form-js's licence). Pages without a form (approve/decline, the messages) load no script but the layout's.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { jsonBlock, translatedValidation } from '../shared/form-messages.js';

const host = document.getElementById('form');
const answer = document.getElementById('answer');
if (host && answer) {
  const schema = jsonBlock(document, 'form-schema', null);
  const data = jsonBlock(document, 'form-data', {});
  const messages = jsonBlock(document, 'form-messages', {});
  const field = document.getElementById('answer-data');
  const send = document.getElementById('send');
  const broken = document.getElementById('form-broken');
  const form = new Form({ container: host, additionalModules: [translatedValidation(messages)] });
  let sending = false;

  form.importSchema(schema, data).then(() => {
    send.disabled = false;
    form.on('changed', (state) => {
      if (Object.keys(state.errors || {}).length === 0) {
        broken.hidden = true;
      }
    });
    answer.addEventListener('submit', (event) => {
      if (sending) {
        event.preventDefault();
        return;
      }

      const result = form.submit();
      if (Object.keys(result.errors).length > 0) {
        event.preventDefault();
        broken.hidden = false;
        broken.focus();
        return;
      }

      broken.hidden = true;
      field.value = JSON.stringify(result.data);
      sending = true;
      send.disabled = true;
    });
  }).catch((error) => {
    broken.hidden = false;
    broken.textContent = String(error && error.message ? error.message : error);
  });
}
