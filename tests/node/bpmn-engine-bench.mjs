#!/usr/bin/env node
// Runs complete instances of one BPMN process with bpmn-engine (npm) for N seconds, one after the
// other on one thread, and prints the rate as one JSON object on stdout.
//
//   node bpmn-engine-bench.mjs FILE.bpmn [SECONDS=5] [--variables JSON] [--warmup SECONDS=1]
//                              [--scripts vm|function]
//
// This is the reference side of the engine benchmark; the .NET side lives in
// tests/Orchestrator.Benchmarks (EngineBenchmarks). Pin it to one core from the outside
// (`taskset -c 0 node ...`); the benchmark program does.
//
// How the run is set up, so that the comparison is fair and says what it measures:
// - The XML is parsed ONCE (bpmn-moddle) and serialised ONCE (moddle-context-serializer); every
//   instance is a new `Engine({ sourceContext })` on that shared, already-parsed context, which is
//   how bpmn-engine is meant to run many instances of one deployed definition.
// - Service tasks are mocked as immediate completion: each `orc:type="..."` service task gets a
//   Service from a small registry whose execute() calls back at once (no I/O).
// - A user task is signalled as soon as it waits (the 'wait' event).
// - FEEL: bpmn-engine evaluates conditions and scripts as JavaScript, not FEEL. Our fixtures write
//   `= score > 1` (FEEL) in conditionExpression and FEEL script bodies with `orc:resultVariable`.
//   To give bpmn-engine an EQUIVALENT process, the parsed model is rewritten before serialising:
//   every FEEL condition body becomes a JavaScript script condition
//   (`language="javascript"`, body `next(null, environment.variables.score > 1)`) and every FEEL
//   script task becomes a JavaScript script task that assigns the result variable
//   (`environment.variables.score = environment.variables.age - 15; next();`). Only a tiny,
//   obviously-equivalent subset of FEEL is translated (names, numbers, strings, arithmetic,
//   comparisons, and/or/not, parentheses); anything else stops the benchmark with an error rather
//   than silently measuring something different.
// - `--scripts vm` (default) uses bpmn-engine's own JavaScripts (node:vm, a fresh context per
//   evaluation) exactly as shipped. `--scripts function` compiles each script once per instance
//   with `new Function` instead, an upper bound for bpmn-engine with a faster script host.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EventEmitter } from 'node:events';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { Engine, JavaScripts } from 'bpmn-engine';

function packageVersion(name) {
  // The packages do not export their package.json; read it from node_modules beside this script.
  const path = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}
const ORC = 'orc:';

function parseArgs(argv) {
  const options = { file: null, seconds: 5, warmup: 1, variables: { age: 17 }, scripts: 'vm' };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--variables') options.variables = JSON.parse(argv[++i]);
    else if (arg === '--warmup') options.warmup = Number(argv[++i]);
    else if (arg === '--scripts') options.scripts = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node bpmn-engine-bench.mjs FILE.bpmn [SECONDS=5] [--variables JSON] [--warmup S] [--scripts vm|function]\n');
      process.exit(0);
    } else positional.push(arg);
  }
  if (positional.length < 1) throw new Error('missing FILE.bpmn (usage: node bpmn-engine-bench.mjs FILE.bpmn [SECONDS])');
  options.file = positional[0];
  if (positional[1] !== undefined) options.seconds = Number(positional[1]);
  if (!(options.seconds > 0)) throw new Error(`seconds must be a positive number, was ${positional[1]}`);
  if (!['vm', 'function'].includes(options.scripts)) throw new Error(`--scripts must be vm or function, was ${options.scripts}`);
  return options;
}

// ---- a tiny FEEL -> JavaScript translation for the simple expressions of benchmark fixtures ----

const FEEL_TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|[-+*/<>=()]))/y;

function feelToJs(feel) {
  let text = feel.trim();
  if (text.startsWith('=')) text = text.slice(1);
  const out = [];
  FEEL_TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    FEEL_TOKEN.lastIndex = pos;
    const m = FEEL_TOKEN.exec(text);
    if (!m) throw new Error(`bpmn-engine-bench: cannot translate FEEL to JavaScript at "${text.slice(pos)}" in "${feel}"`);
    pos = FEEL_TOKEN.lastIndex;
    const [, number, string, name, op] = m;
    if (number !== undefined) out.push(number);
    else if (string !== undefined) out.push(string);
    else if (name !== undefined) {
      if (name === 'and') out.push('&&');
      else if (name === 'or') out.push('||');
      else if (name === 'not') out.push('!');
      else if (name === 'true' || name === 'false' || name === 'null') out.push(name);
      else out.push(`environment.variables[${JSON.stringify(name)}]`);
    } else if (op === '=') out.push('===');
    else if (op === '!=') out.push('!==');
    else out.push(op);
  }
  if (!out.length) throw new Error(`bpmn-engine-bench: empty FEEL expression "${feel}"`);
  return out.join(' ');
}

// ---- parse once, rewrite FEEL to equivalent JavaScript, serialise once ----

function isFeelScriptFormat(format) {
  return typeof format === 'string' && /^feel$/i.test(format);
}

function rewriteForBpmnEngine(moddleContext) {
  const services = new Map(); // element id -> orc:type
  const rewritten = { conditions: [], scripts: [] };
  const visit = (element) => {
    if (!element || typeof element !== 'object') return;
    const type = element.$type;
    const attrs = element.$attrs || {};
    if (type === 'bpmn:ServiceTask' || type === 'bpmn:SendTask') {
      const orcType = attrs[`${ORC}type`];
      if (orcType) services.set(element.id, orcType);
    }
    if (type === 'bpmn:ScriptTask' && (isFeelScriptFormat(element.scriptFormat) || !element.scriptFormat)) {
      const resultVariable = attrs[`${ORC}resultVariable`] || attrs['camunda:resultVariable'];
      const expression = feelToJs(element.script || '');
      element.scriptFormat = 'javascript';
      element.script = resultVariable
        ? `environment.variables[${JSON.stringify(resultVariable)}] = ${expression}; next();`
        : `${expression}; next();`;
      rewritten.scripts.push({ id: element.id, js: element.script });
    }
    if (type === 'bpmn:SequenceFlow' && element.conditionExpression && !element.conditionExpression.language) {
      const js = `next(null, ${feelToJs(element.conditionExpression.body || '')});`;
      element.conditionExpression.language = 'javascript';
      element.conditionExpression.body = js;
      rewritten.conditions.push({ id: element.id, js });
    }
    for (const child of element.flowElements || []) visit(child);
    for (const child of element.rootElements || []) visit(child);
  };
  visit(moddleContext.rootElement);
  return { services, rewritten };
}

// Mocked service registry: every orc:type completes immediately with no output.
function ImmediateService(activity) {
  this.activity = activity;
}
ImmediateService.prototype.execute = function execute(_message, callback) {
  callback(null);
};

// `--scripts function`: compile each script body once (per engine, as bpmn-engine's own host does)
// with new Function instead of node:vm.
function FunctionScripts() {
  this.scripts = new Map();
}
FunctionScripts.prototype.register = function register({ id, type, behaviour }) {
  let language, body;
  if (type === 'bpmn:SequenceFlow') {
    if (!behaviour.conditionExpression) return;
    language = behaviour.conditionExpression.language;
    body = behaviour.conditionExpression.body;
  } else {
    language = behaviour.scriptFormat;
    body = behaviour.script;
  }
  if (!language || !body || !/^(javascript|js)$/i.test(language)) return;
  // eslint-disable-next-line no-new-func
  const fn = new Function('environment', 'content', 'next', body);
  const script = { execute: (scope, next) => fn(scope.environment, scope.content, next) };
  this.scripts.set(id, script);
  return script;
};
FunctionScripts.prototype.getScript = function getScript(_language, { id }) {
  return this.scripts.get(id);
};

async function prepare(file) {
  const xml = readFileSync(file, 'utf8');
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const { services, rewritten } = rewriteForBpmnEngine(moddleContext);
  // extendFn gets each element's prepared behaviour; what it returns is merged into it.
  const extendFn = (behaviour) => (services.has(behaviour.id) ? { Service: ImmediateService } : undefined);
  const sourceContext = serializer(moddleContext, TypeResolver(Elements), extendFn);
  return { sourceContext, services, rewritten };
}

function runOne(sourceContext, variables, scriptsMode, trace) {
  return new Promise((resolve, reject) => {
    const listener = new EventEmitter();
    listener.on('wait', (api) => api.signal({}));
    if (trace) listener.on('activity.end', (api) => trace.push(api.id));
    const engine = new Engine({
      name: 'bench',
      sourceContext,
      scripts: scriptsMode === 'function' ? new FunctionScripts() : new JavaScripts(),
      settings: { enableDummyService: false },
    });
    engine.once('end', () => resolve());
    engine.once('error', (err) => reject(err));
    engine.execute({ listener, variables: { ...variables } }).catch(reject);
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { sourceContext, services, rewritten } = await prepare(options.file);

  // One traced instance first: proves the instance really runs to its end and counts its elements.
  const trace = [];
  await runOne(sourceContext, options.variables, options.scripts, trace);
  const elementsPerInstance = trace.length;

  const warmupEnd = performance.now() + options.warmup * 1000;
  while (performance.now() < warmupEnd) await runOne(sourceContext, options.variables, options.scripts, null);

  let instances = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let now = start;
  while (now < end) {
    await runOne(sourceContext, options.variables, options.scripts, null);
    instances++;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  const result = {
    engine: 'bpmn-engine',
    version: packageVersion('bpmn-engine'),
    node: process.version,
    file: options.file,
    scripts: options.scripts,
    seconds,
    instances,
    instancesPerSecond: instances / seconds,
    elementsPerInstance,
    elementsPerSecond: (instances * elementsPerInstance) / seconds,
    completedElements: trace,
    services: Object.fromEntries(services),
    rewritten,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bpmn-engine-bench: ${err?.stack || err}\n`);
  process.exit(1);
});
