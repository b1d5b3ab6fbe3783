// The idle sign-out warning (see pages/workspace.js).
export function startIdleWarning(doc) {
  const body = doc.body;
  const timeout = Number(body.dataset.idleTimeout || 0);
  const warning = Number(body.dataset.idleWarning || 60);
  const dialog = doc.getElementById('idle-warning');
  if (!timeout || !dialog) {
    return;
  }

  const stay = dialog.querySelector('[data-idle-stay]');
  const token = () => {
    const field = doc.querySelector('input[name="__RequestVerificationToken"]');
    return field ? field.value : '';
  };
  let timer = 0;

  function schedule(secondsLeft) {
    clearTimeout(timer);
    const untilWarning = Math.max(0, secondsLeft - warning);
    timer = setTimeout(check, untilWarning * 1000);
  }

  async function secondsLeft() {
    try {
      const response = await fetch('/account/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return 0;
      }

      return (await response.json()).secondsLeft;
    } catch {
      return -1; // offline: keep the page as it is and look again soon
    }
  }

  async function check() {
    const left = await secondsLeft();
    if (left < 0) {
      schedule(warning + 30);
    } else if (left === 0) {
      signedOut();
    } else if (left > warning + 5) {
      schedule(left); // kept alive elsewhere
    } else {
      if (!dialog.open) {
        dialog.showModal();
        stay.focus();
      }

      clearTimeout(timer);
      timer = setTimeout(check, Math.max(1, left) * 1000);
    }
  }

  function signedOut() {
    const here = location.pathname + location.search;
    location.assign('/account/login?reason=idle&returnUrl=' + encodeURIComponent(here));
  }

  stay.addEventListener('click', async () => {
    try {
      const response = await fetch('/account/session', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-TOKEN': token(), Accept: 'application/json' },
      });
      if (response.ok) {
        dialog.close();
        schedule((await response.json()).secondsLeft);
        return;
      }
    } catch {
      // fall through: look again
    }

    check();
  });

  schedule(timeout);
}
