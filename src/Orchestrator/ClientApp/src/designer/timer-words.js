// Timers and deadlines in plain words, as the properties panel previews them while they are typed:
// "P45D" on a boundary timer of "Primera acogida" → "45 días después de iniciar «Primera acogida»";
// "R/P7D" → "cada 7 días, sin fin"; a date-time → "el 7 dic 2026 a las 14:30". The words come from the
// page's resources (Unit_…, Timer_…).
import { t } from './page.js';

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** The parts of an ISO 8601 duration, or null when the text is not one. */
export function parseDuration(text) {
  const match = DURATION.exec(String(text || '').trim());
  if (!match) {
    return null;
  }
  const parts = {};
  UNITS.forEach((unit, i) => {
    const value = match[i + 1];
    if (value !== undefined) {
      parts[unit] = Number(value.replace(',', '.'));
    }
  });
  return parts;
}

/** "45 días", "1 día y 12 horas", "2 meses, 3 días y 4 horas". */
export function durationWords(parts) {
  const pieces = UNITS.filter((unit) => parts[unit]).map((unit) =>
    t(parts[unit] === 1 ? `Unit_${unit}_one` : `Unit_${unit}_other`, { n: parts[unit].toLocaleString(document.documentElement.lang === 'en' ? 'en' : 'es-MX') }));
  if (pieces.length === 0) {
    return t('Unit_none');
  }
  if (pieces.length === 1) {
    return pieces[0];
  }
  return t('List_and', { first: pieces.slice(0, -1).join(', '), last: pieces[pieces.length - 1] });
}

function dateWords(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'es-MX';
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return t('Timer_Date', { date: day, time });
}

function isDateTime(text) {
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);
}

/**
 * The words for a timer or deadline value.
 * @param {string} kind 'duration', 'date', 'cycle', or 'deadline' (a duration or a date-time, as orc:dueDate takes)
 * @param {string} value the text typed
 * @param {string} anchor what a duration counts from, in words ("iniciar «Primera acogida»", "crear la tarea")
 * @returns {{ text: string, valid: boolean }}
 */
export function timerWords(kind, value, anchor) {
  const text = String(value || '').trim();
  if (!text) {
    return { text: '', valid: true };
  }
  if (text.startsWith('=')) {
    return { text: t('Timer_Feel'), valid: true };
  }
  if (kind === 'cycle') {
    const pieces = text.split('/');
    const repeat = /^R(\d*)$/.exec(pieces[0] || '');
    const interval = parseDuration(pieces[pieces.length - 1]);
    if (!repeat || pieces.length < 2 || !interval) {
      return { text: t('Timer_InvalidCycle'), valid: false };
    }
    const every = t('Timer_Every', { duration: durationWords(interval) });
    const times = repeat[1] ? t('Timer_Times', { n: repeat[1], every }) : t('Timer_Forever', { every });
    const start = pieces.length === 3 && isDateTime(pieces[1]) ? ' ' + t('Timer_From', { date: dateWords(pieces[1]) }) : '';
    return { text: times + start, valid: true };
  }
  if (kind === 'date' || ((kind === 'deadline') && isDateTime(text))) {
    return isDateTime(text) && dateWords(text) ? { text: dateWords(text), valid: true } : { text: t('Timer_InvalidDate'), valid: false };
  }
  if (/^R\d*\//.test(text) && kind === 'reminder') {
    return timerWords('cycle', text, anchor);
  }
  const parts = parseDuration(text);
  if (!parts) {
    return { text: t(kind === 'deadline' ? 'Timer_InvalidDeadline' : 'Timer_InvalidDuration'), valid: false };
  }
  return { text: t('Timer_After', { duration: durationWords(parts), anchor }), valid: true };
}
