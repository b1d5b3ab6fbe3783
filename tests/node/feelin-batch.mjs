#!/usr/bin/env node
// Evaluates many FEEL expressions with feelin (npm) in one process, for the differential test
// (tests/Orchestrator.Feel.Tests/Differential*.cs).
//
// stdin:  JSON lines {"id": any, "expression": "...", "context": {...} | null}
// stdout: JSON lines, one per input line and in the same order:
//           {"id", "value", "type", "warnings": ["NO_VARIABLE_FOUND", ...]}   evaluated
//           {"id", "error", "errorKind": "syntax" | "exception"}            feelin threw
//         `value` is feelin's result converted to JSON as our `feel` command prints values, `type`
//         the FEEL type tree (see feel-json.mjs). A line that is not valid JSON gets
//         {"id": null, "error": ..., "errorKind": "input"}.
//
//   node feelin-batch.mjs < expressions.jsonl > results.jsonl

import { createInterface } from 'node:readline';
import { evaluate, SyntaxError as FeelSyntaxError } from 'feelin';
import { toFeelJson } from './feel-json.mjs';

const out = [];
let pending = 0;

function flush() {
  if (out.length === 0) return;
  process.stdout.write(out.join(''));
  out.length = 0;
  pending = 0;
}

function handle(line) {
  if (line.trim() === '') return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (err) {
    out.push(`${JSON.stringify({ id: null, error: `invalid input line: ${err.message}`, errorKind: 'input' })}\n`);
    return;
  }
  const { id, expression, context } = request;
  let response;
  try {
    const result = evaluate(String(expression), context ?? {});
    const { value, type } = toFeelJson(result.value);
    response = { id, value, type, warnings: (result.warnings || []).map((w) => w.type) };
  } catch (err) {
    const syntax = err instanceof FeelSyntaxError || err?.name === 'SyntaxError';
    response = { id, error: String(err?.message ?? err), errorKind: syntax ? 'syntax' : 'exception' };
  }
  let text;
  try {
    text = JSON.stringify(response);
  } catch (err) {
    text = JSON.stringify({ id, error: `result not serialisable: ${err.message}`, errorKind: 'exception' });
  }
  out.push(`${text}\n`);
  if (++pending >= 256) flush();
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', handle);
rl.on('close', flush);
