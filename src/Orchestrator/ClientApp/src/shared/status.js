// The layout's status region (role="status", aria-live="polite"): what a script did, announced and shown.
export function announce(text) {
  const status = document.getElementById('status');
  if (!status) {
    return;
  }

  status.textContent = text;
  status.hidden = !text;
}

// The anti-forgery token of the page's forms, for a script's own state-changing requests (X-CSRF-TOKEN).
export function antiforgeryToken() {
  const field = document.querySelector('input[name="__RequestVerificationToken"]');
  return field ? field.value : '';
}
