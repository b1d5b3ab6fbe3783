#!/usr/bin/env node
// Measures feelin's `evaluate` rate (evaluations per second, one thread; pin it to one core from
// outside with `taskset -c 0`) for one expression and context, and prints one JSON object.
// feelin parses the text on every call (it has no compiled-expression API), so this is its
// parse-plus-evaluate rate, the figure the FEEL speed goal compares ours against.
//
//   node feelin-bench.mjs [--expression TEXT] [--context JSON] [--seconds N=5] [--warmup N=1]
//
// Defaults: the typical gateway condition with age 17, status "active", admitted "2026-11-01".

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate } from 'feelin';
import { toFeelJson } from './feel-json.mjs';

const options = {
  expression: 'age >= 16 and status = "active" and date(admitted) + duration("P45D") > today()',
  context: { age: 17, status: 'active', admitted: '2026-11-01' },
  seconds: 5,
  warmup: 1,
};

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--expression') options.expression = args[++i];
  else if (arg === '--context') options.context = JSON.parse(args[++i]);
  else if (arg === '--seconds') options.seconds = Number(args[++i]);
  else if (arg === '--warmup') options.warmup = Number(args[++i]);
  else if (arg === '--help' || arg === '-h') {
    process.stdout.write('usage: node feelin-bench.mjs [--expression TEXT] [--context JSON] [--seconds N] [--warmup N]\n');
    process.exit(0);
  } else {
    process.stderr.write(`feelin-bench: unknown argument ${arg}\n`);
    process.exit(2);
  }
}
if (!(options.seconds > 0)) {
  process.stderr.write('feelin-bench: --seconds must be a positive number\n');
  process.exit(2);
}

function run(untilMs) {
  let n = 0;
  let sink = null;
  let now = performance.now();
  while (now < untilMs) {
    for (let i = 0; i < 16; i++) sink = evaluate(options.expression, options.context);
    n += 16;
    now = performance.now();
  }
  return { n, now, sink };
}

const first = evaluate(options.expression, options.context);
run(performance.now() + options.warmup * 1000);
const start = performance.now();
const { n, now } = run(start + options.seconds * 1000);
const seconds = (now - start) / 1000;
const version = JSON.parse(readFileSync(new URL('./node_modules/feelin/package.json', import.meta.url), 'utf8')).version;

process.stdout.write(
  `${JSON.stringify({
    library: 'feelin',
    version,
    node: process.version,
    expression: options.expression,
    context: options.context,
    seconds,
    evaluations: n,
    evaluationsPerSecond: n / seconds,
    value: toFeelJson(first.value).value,
    warnings: first.warnings.map((w) => w.type),
  })}\n`
);
