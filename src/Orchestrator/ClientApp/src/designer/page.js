// What every designer page shares: the words handed over by the server (DesignerText.resx, never hard-coded here),
// the JSON blocks the page carries (no inline script: the CSP forbids it), and calls of /api/designer with the
// anti-forgery token a cookie-authenticated change needs.

let words = {};

/**
 * Reads the JSON the page carries in the `data-json` attribute of the element with that id (an attribute rather than
 * a script block: Razor encodes it like any other text, and the browser decodes it); null when absent.
 */
export function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.dataset.json) : null;
}

/** Sets the words (key → text) the page was rendered with. */
export function setWords(dictionary) {
  words = dictionary || {};
}

/** The text of a key, with {name} placeholders filled in; the key itself when missing (a test catches that). */
export function t(key, values) {
  let text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
  if (values) {
    for (const [name, value] of Object.entries(values)) {
      text = text.split('{' + name + '}').join(String(value));
    }
  }
  return text;
}

/** Whether a key has words. */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(words, key);
}

/** The anti-forgery token the page was rendered with. */
function token() {
  const input = document.querySelector('input[name="__RequestVerificationToken"]');
  return input ? input.value : '';
}

/** An answer of the server that is not 2xx: its status and problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

/** Calls the API with JSON (or a string body as XML); resolves the JSON answer, rejects with ApiError. */
export async function api(method, path, body, options = {}) {
  const headers = { 'Accept': 'application/json' };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' && options.xml) {
      headers['Content-Type'] = 'application/xml';
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  if (method !== 'GET') {
    headers['X-CSRF-TOKEN'] = token();
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { detail: text };
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** Runs `action` at most once per `wait` ms of quiet (the last call wins). */
export function debounce(action, wait) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      action(...args);
    }, wait);
  };
  debounced.flush = (...args) => {
    clearTimeout(timer);
    timer = null;
    return action(...args);
  };
  debounced.pending = () => timer !== null;
  return debounced;
}

/** Saves text as a file the browser downloads. */
export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Says something to screen readers (and shows it) in the page's status line. */
export function announce(message, kind = 'status') {
  const region = document.getElementById(kind === 'alert' ? 'designer-alert' : 'designer-status');
  if (region) {
    region.textContent = '';
    // A new text node, so that the same sentence twice is announced twice.
    requestAnimationFrame(() => { region.textContent = message; });
  }
}

/** Escapes text for the few places a string goes into HTML built here (names and ids of elements). */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
