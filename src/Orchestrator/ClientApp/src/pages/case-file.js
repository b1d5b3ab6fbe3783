// The case file (/cases/{reference}), where a script saves a click or a wait:
// - "Print the case file" prints the page (the print stylesheet leaves out navigation and forms); without a script the
//   button stays hidden and the browser's own print works the same;
// - a document over the size limit is refused before it is sent (the server refuses it too, with the same message
//   at the field, but only after the whole file crossed a slow connection).
const print = document.querySelector('[data-print]');
if (print) {
  print.hidden = false;
  print.addEventListener('click', () => window.print());
}

for (const form of document.querySelectorAll('form[data-max-bytes]')) {
  const max = Number(form.dataset.maxBytes);
  const input = form.querySelector('input[type="file"]');
  if (!input || !max) {
    continue;
  }

  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const tooLarge = file && file.size > max;
    input.setCustomValidity(tooLarge ? (input.dataset.tooLarge || '') : '');
    if (tooLarge) {
      input.reportValidity();
    }
  });
}
