// The designer's list: a .bpmn file larger than the service accepts is refused in the page, with the reason, before it
// is sent (the server refuses it too, but its answer would replace the page).
import '../designer/home.css';

const form = document.getElementById('open-file-form');
if (form) {
  const input = form.querySelector('input[type="file"]');
  const error = document.getElementById(input.getAttribute('aria-describedby').split(' ').find((id) => id.endsWith('-error')));
  const max = Number(form.dataset.maxBytes);
  const locale = document.documentElement.lang === 'en' ? 'en' : 'es-MX';
  form.addEventListener('submit', (event) => {
    const file = input.files && input.files[0];
    if (file && file.size > max) {
      event.preventDefault();
      error.textContent = form.dataset.tooLarge.replace('{size}', (file.size / 1048576).toLocaleString(locale, { maximumFractionDigits: 1 }))
        .replace('{limit}', (max / 1048576).toLocaleString(locale, { maximumFractionDigits: 1 }));
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
}
