// form-js 1.23 writes its validation messages in English, with no translation hook of its own. A page gives the texts
// of its language (for the outside person's page: EmailActionMessages.BrowserMessages, empty for English); each message
// form-js makes, on every check of a field and on submit, is matched by its shape and rewritten with the values it
// carried. Used as an additional module of the form-js viewer: new Form({ additionalModules: [translatedValidation(t)] }).
const shapes = [
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
  [/^Max validation value is not a valid number\.$/, 'maxInvalid'],
];

export function translateMessage(texts, message) {
  for (const [shape, key] of shapes) {
    const match = shape.exec(message);
    const text = match && texts && texts[key];
    if (text) {
      return text.replace(/\{(\d)\}/g, (_, n) => match[Number(n) + 1]);
    }
  }

  return message;
}

export function translatedValidation(texts) {
  function install(validator) {
    const validate = validator.validateFieldInstance;
    validator.validateFieldInstance = function (...args) {
      return validate.apply(validator, args).map((message) => translateMessage(texts, message));
    };
  }

  install.$inject = ['validator'];
  return { __init__: [install] };
}

// The JSON a page put in <script type="application/json" id="…"> (no inline script: the CSP forbids it).
export function jsonBlock(doc, id, fallback) {
  const block = doc.getElementById(id);
  return block ? JSON.parse(block.textContent) : fallback;
}
