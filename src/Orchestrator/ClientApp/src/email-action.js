// The email-action page's form: the form-js viewer opened with the task's data; "Send answer" validates in the
// browser, then posts the form's data as JSON in the page's own form (with its anti-forgery token). The server
// checks the data again against the same schema.
(function () {
  'use strict';
  var host = document.getElementById('form');
  var answer = document.getElementById('answer');
  if (!host || !answer || typeof FormViewer === 'undefined') {
    return;
  }

  var schema = JSON.parse(document.getElementById('form-schema').textContent);
  var data = JSON.parse(document.getElementById('form-data').textContent);
  var field = document.getElementById('answer-data');
  var send = document.getElementById('send');
  var broken = document.getElementById('form-broken');
  var form = new FormViewer.Form({ container: host });
  var sending = false;

  form.importSchema(schema, data).then(function () {
    send.disabled = false;
    form.on('changed', function (state) {
      if (Object.keys(state.errors || {}).length === 0) {
        broken.hidden = true;
      }
    });
    answer.addEventListener('submit', function (event) {
      if (sending) {
        event.preventDefault();
        return;
      }

      var result = form.submit();
      if (Object.keys(result.errors).length > 0) {
        event.preventDefault();
        broken.hidden = false;
        return;
      }

      broken.hidden = true;
      field.value = JSON.stringify(result.data);
      sending = true;
      send.disabled = true;
    });
  }).catch(function (error) {
    broken.hidden = false;
    broken.textContent = String(error && error.message ? error.message : error);
  });
}());
