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
  var messagesBlock = document.getElementById('form-messages');
  var messages = messagesBlock ? JSON.parse(messagesBlock.textContent) : {};
  var field = document.getElementById('answer-data');
  var send = document.getElementById('send');
  var broken = document.getElementById('form-broken');
  var form = new FormViewer.Form({ container: host, additionalModules: [translatedValidation(messages)] });
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

  // form-js 1.23 writes its validation messages in English, with no translation hook of their own. The page gives the
  // texts of its language (EmailActionMessages.BrowserMessages, empty for English); each message form-js makes, on
  // every check of a field and on submit, is matched by its shape and rewritten with the values it carried.
  function translatedValidation(texts) {
    var shapes = [
      [/^Field is required\.$/, 'required'],
      [/^Field must match pattern (.+)\.$/, 'pattern'],
      [/^Field must have minimum value of (.+)\.$/, 'min'],
      [/^Field must have maximum value of (.+)\.$/, 'max'],
      [/^Field must have minimum length of (.+)\.$/, 'minLength'],
      [/^Field must have maximum length of (.+)\.$/, 'maxLength'],
      [/^Field must be a valid\s+international phone number\..*$/, 'phone'],
      [/^Field must be a valid email\.$/, 'email'],
      [/^Value is not a number\.$/, 'number'],
      [/^Value is expected to be an integer\.$/, 'integer'],
      [/^Value is expected to have at most (\d+) decimal digits?\.$/, 'decimals'],
      [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, 'increment'],
      [/^Min validation value is not a valid number\.$/, 'minInvalid'],
      [/^Max validation value is not a valid number\.$/, 'maxInvalid']
    ];

    function translate(message) {
      for (var i = 0; i < shapes.length; i++) {
        var match = shapes[i][0].exec(message);
        var text = match && texts[shapes[i][1]];
        if (text) {
          return text.replace(/\{(\d)\}/g, function (_, n) { return match[Number(n) + 1]; });
        }
      }

      return message;
    }

    function install(validator) {
      var validate = validator.validateFieldInstance;
      validator.validateFieldInstance = function () {
        return validate.apply(validator, arguments).map(translate);
      };
    }

    install.$inject = ['validator'];
    return { __init__: [install] };
  }
}());

