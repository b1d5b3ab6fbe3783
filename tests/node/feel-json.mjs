// Converts feelin (npm) values to JSON the way the `feel` command prints ours (docs/command-line.md), plus a
// parallel "type tree" so that a caller can tell a date from a string that looks like one.
//
// value: numbers as JSON numbers, strings, booleans, null, lists as arrays, contexts as objects;
//   date "2026-01-31"; time "10:30:00", "10:30:00+02:00", "10:30:00Z", or "10:30:00@Europe/Paris";
//   date and time in ISO 8601: "2026-01-31T10:00:00" (local), "...Z", "...+01:00", and for an IANA
//   zone FEEL's form "2026-01-31T10:00:00@Europe/Paris" (as ours); durations "P1DT2H",
//   "P1Y2M"; a range as {"start","end","start included","end included"}; a function as null.
// type: a string for a scalar ("null", "boolean", "number", "string", "date", "time",
//   "date and time", "days and time duration", "years and months duration", "range", "function";
//   "number:NaN" / "number:Infinity" for non-finite JS numbers, which FEEL has not got),
//   an array of type trees for a list, an object of type trees for a context.
//
// feelin 8 represents temporal values with its own classes (FeelDate, FeelTime, FeelDateTime,
// FeelDuration) around temporal-polyfill values (not Luxon, as feelin <= 7 did); each carries a
// canonical `iso` string, a `zone` (null for local values, "UTC" for Z, "+01:00" for an offset, or
// an IANA id) and, for durations, `yearsMonths`.

import { FeelDate, FeelTime, FeelDateTime, FeelDuration, FeelRange, FeelFunction } from 'feelin';

function dateTimeToIso(value) {
  // feelin's canonical text: "2026-01-31T10:00:00" (local), "...Z", "...+01:00", or with an IANA
  // zone "2026-01-31T10:00:00@Europe/Paris", which is how our `feel` command writes a zoned value too
  // (ISO 8601 has no zone ids; FEEL's `@zone` suffix is kept rather than inventing an offset).
  return value.iso;
}

/**
 * @returns {{ value: unknown, type: unknown }}
 */
export function toFeelJson(v) {
  if (v === null || v === undefined) return { value: null, type: 'null' };
  switch (typeof v) {
    case 'boolean':
      return { value: v, type: 'boolean' };
    case 'number':
      if (Number.isNaN(v)) return { value: null, type: 'number:NaN' };
      if (!Number.isFinite(v)) return { value: null, type: 'number:Infinity' };
      return { value: v, type: 'number' };
    case 'string':
      return { value: v, type: 'string' };
    case 'function':
      return { value: null, type: 'function' };
    case 'bigint':
      return { value: Number(v), type: 'number' };
    default:
      break;
  }
  if (v instanceof FeelDate) return { value: v.iso, type: 'date' };
  if (v instanceof FeelTime) return { value: v.iso, type: 'time' };
  if (v instanceof FeelDateTime) return { value: dateTimeToIso(v), type: 'date and time' };
  if (v instanceof FeelDuration) {
    return { value: v.iso, type: v.yearsMonths ? 'years and months duration' : 'days and time duration' };
  }
  if (v instanceof FeelFunction) return { value: null, type: 'function' };
  if (v instanceof FeelRange) {
    const start = toFeelJson(v.start);
    const end = toFeelJson(v.end);
    return {
      value: { start: start.value, end: end.value, 'start included': v['start included'], 'end included': v['end included'] },
      type: 'range',
    };
  }
  if (Array.isArray(v)) {
    const values = [];
    const types = [];
    for (const item of v) {
      const converted = toFeelJson(item);
      values.push(converted.value);
      types.push(converted.type);
    }
    return { value: values, type: types };
  }
  const values = {};
  const types = {};
  for (const key of Object.keys(v)) {
    const converted = toFeelJson(v[key]);
    values[key] = converted.value;
    types[key] = converted.type;
  }
  return { value: values, type: types };
}
