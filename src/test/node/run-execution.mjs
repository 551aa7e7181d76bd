// Runs one execution of a state machine from a SAM template with aws-local-stepfunctions, its Lambda Tasks served
// by a LocalLambdaService. Prints one JSON line per execution event, then a result line:
//   {"status":"SUCCEEDED","output":...} | {"status":"FAILED"|"TIMED_OUT","error":...,"cause":...}, each with the
//   execution's ARN as "executionArn" ($$.Execution.Id)
//   | {"status":"ERROR","error":"RunnerError","cause":...} when the run could not start (exit code 2).
//
// node --import ./src/test/node/polyfill.mjs src/test/node/run-execution.mjs template.yaml BootstrapStateMachine \
//   --lambda-endpoint http://127.0.0.1:PORT [--aws-endpoint URL] [--region us-east-1] [--input FILE|-]
//   [--substitution KEY=VALUE]... [--retry-interval-ms N] [--wait-ms N] [--execution-name NAME]
//
// --retry-interval-ms and --wait-ms shorten every Retry pause and Wait state (nested ones included) so tests run
// fast while Retry, Catch and MaxAttempts behave as written.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { StateMachine } from 'aws-local-stepfunctions';
import { installStateContext } from './context-object.mjs';
import { ACCOUNT_ID, stateMachineDefinition } from './sam-template.mjs';
import { taskHandlers } from './task-resources.mjs';

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'lambda-endpoint': { type: 'string' },
      'aws-endpoint': { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
      input: { type: 'string', default: '-' },
      substitution: { type: 'string', multiple: true, default: [] },
      'retry-interval-ms': { type: 'string' },
      'wait-ms': { type: 'string' },
      'execution-name': { type: 'string' },
    },
  });
  if (positionals.length !== 2) {
    throw new Error('usage: run-execution.mjs TEMPLATE STATE_MACHINE_LOGICAL_ID [options]');
  }
  const substitutions = Object.fromEntries(values.substitution.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) {
      throw new Error(`--substitution wants KEY=VALUE, got ${pair}`);
    }
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  return { ...values, template: positionals[0], stateMachine: positionals[1], substitutions };
}

/** Every state by name, including those inside Map (Iterator/ItemProcessor) and Parallel branches. */
function allStates(definition, found = {}) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    found[name] = state;
    [state.Iterator, state.ItemProcessor, ...(state.Branches ?? [])].filter(Boolean)
      .forEach((nested) => allStates(nested, found));
  }
  return found;
}

function overridesFor(states, opts) {
  const pick = (type, ms) => (ms === undefined ? {} : Object.fromEntries(
    Object.entries(states).filter(([, s]) => type(s)).map(([name]) => [name, Number(ms)])));
  return {
    retryIntervalOverrides: pick((s) => Array.isArray(s.Retry), opts['retry-interval-ms']),
    waitTimeOverrides: pick((s) => s.Type === 'Wait', opts['wait-ms']),
    taskResourceLocalHandlers: taskHandlers(
      Object.fromEntries(Object.entries(states).filter(([, s]) => s.Type === 'Task')),
      { region: opts.region, lambdaEndpoint: opts['lambda-endpoint'], awsEndpoint: opts['aws-endpoint'] }),
  };
}

/** The library's events, flattened to what a test asserts on: state, error, cause, attempt, index. */
function eventLine(event) {
  const line = { type: event.type, timestamp: event.timestamp };
  if (event.state) {
    Object.assign(line, { state: event.state.name, stateType: event.state.type, input: event.state.input });
    if ('output' in event.state) line.output = event.state.output;
  }
  if (event.Error !== undefined) Object.assign(line, { error: event.Error, cause: event.Cause });
  if (event.retry) Object.assign(line, { attempt: event.retry.attempt, errorEquals: event.retry.retrier.ErrorEquals });
  if (event.catch) {
    Object.assign(line, { errorEquals: event.catch.catcher.ErrorEquals, next: event.catch.catcher.Next });
  }
  if (event.parentState) Object.assign(line, { parent: event.parentState.name });
  if (event.index !== undefined) line.index = event.index;
  if (event.type === 'ExecutionStarted') line.input = event.input;
  if (event.type === 'ExecutionSucceeded') line.output = event.output;
  return line;
}

async function main() {
  const opts = options();
  const definition = stateMachineDefinition(opts.template, opts.stateMachine, opts.substitutions, opts.region);
  const raw = readFileSync(opts.input === '-' ? 0 : opts.input, 'utf8').trim();
  const input = raw === '' ? {} : JSON.parse(raw);
  const name = opts['execution-name'] ?? randomUUID();
  const machineArn = `arn:aws:states:${opts.region}:${ACCOUNT_ID}:stateMachine:${opts.stateMachine}`;
  const executionArn = `arn:aws:states:${opts.region}:${ACCOUNT_ID}:execution:${opts.stateMachine}:${name}`;
  installStateContext();
  const execution = new StateMachine(definition).run(input, {
    overrides: overridesFor(allStates(definition), opts),
    context: {
      Execution: { Id: executionArn, Name: name,
        RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${opts.stateMachine}Role` },
      StateMachine: { Id: machineArn, Name: opts.stateMachine },
    },
  });
  let ending;
  for await (const event of execution.eventLogs) {
    print(eventLine(event));
    if (['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimeout', 'ExecutionAborted'].includes(event.type)) {
      ending = event;
    }
  }
  const output = await execution.result.catch(() => undefined);
  switch (ending?.type) {
    case 'ExecutionSucceeded':
      print({ status: 'SUCCEEDED', output, executionArn });
      return 0;
    case 'ExecutionTimeout':
      print({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'the execution exceeded its TimeoutSeconds', executionArn });
      return 1;
    default:
      print({ status: 'FAILED', error: ending?.Error, cause: ending?.Cause, executionArn });
      return 1;
  }
}

// Writes to a pipe are asynchronous: exiting at once would cut the output at the pipe's buffer (64 KB), losing the
// last events and the result line of an execution with large payloads. Exit once everything written is flushed.
function exit(code) {
  process.stdout.write('', () => process.exit(code));
}

main().then(exit, (error) => {
  print({ status: 'ERROR', error: 'RunnerError', cause: error.message });
  exit(2);
});
