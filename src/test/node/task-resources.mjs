// What Task states do when they call AWS, in place of aws-local-stepfunctions' own Lambda call, so failures read
// as in Step Functions: a function error's Error is its errorType and its Cause the function's whole error
// document (the library would give "errorType: errorMessage"); Lambda service and client failures become
// Lambda.<Exception> and Lambda.SdkClientException. SDK retries are off: only the ASL's Retry retries.
import { createHash, createHmac } from 'node:crypto';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { SignatureV4 } from '@smithy/signature-v4';

const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:.+/;
const DUMMY_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export class TaskError extends Error {
  constructor(name, cause) {
    super(cause);
    this.name = name;
  }
}

/** Builds a `taskResourceLocalHandlers` map for every Task state in the definition, nested ones included. */
export function taskHandlers(taskStates, { region, lambdaEndpoint, awsEndpoint }) {
  const lambda = new LambdaClient({ region, endpoint: lambdaEndpoint, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  const handlers = {};
  for (const [name, state] of Object.entries(taskStates)) {
    handlers[name] = handlerFor(state.Resource, { lambda, region, awsEndpoint });
  }
  return handlers;
}

function handlerFor(resource, context) {
  if (LAMBDA_FUNCTION_ARN.test(resource)) {
    return (input) => invoke(context.lambda, resource, input);
  }
  if (resource === 'arn:aws:states:::lambda:invoke') {
    return async ({ FunctionName, Payload }) => ({
      ExecutedVersion: '$LATEST', Payload: await invoke(context.lambda, FunctionName, Payload), StatusCode: 200,
    });
  }
  if (resource === 'arn:aws:states:::events:putEvents') {
    return (input) => putEvents(input, context);
  }
  return () => {
    throw new TaskError('States.Runtime', `the test bed cannot run Task resource ${resource}`);
  };
}

async function invoke(lambda, functionName, payload) {
  let response;
  try {
    response = await lambda.send(new InvokeCommand({
      FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload ?? null)),
    }));
  } catch (error) {
    throw new TaskError(error.$metadata?.httpStatusCode ? `Lambda.${error.name}` : 'Lambda.SdkClientException',
      error.message);
  }
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : '';
  if (response.FunctionError) {
    throw new TaskError(parseOrNull(text)?.errorType ?? 'Lambda.Unknown', text);
  }
  return text === '' ? null : JSON.parse(text);
}

/** The optimized EventBridge integration: Detail objects are sent as JSON strings, as Step Functions does. */
async function putEvents(input, { region, awsEndpoint }) {
  if (!awsEndpoint) {
    throw new TaskError('States.Runtime', 'events:putEvents needs --aws-endpoint (the AWS recording proxy)');
  }
  const entries = (input.Entries ?? []).map((entry) => ({
    ...entry, Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail ?? {}),
  }));
  const response = await awsJsonCall(awsEndpoint, region, 'events', 'AWSEvents.PutEvents', { Entries: entries });
  if (!response.ok) {
    const body = parseOrNull(await response.text()) ?? {};
    throw new TaskError(`EventBridge.${String(body.__type ?? 'ServiceException').split('#').pop()}`,
      body.message ?? body.Message ?? `HTTP ${response.status}`);
  }
  return response.json();
}

/** A signed AWS JSON-protocol call, so the proxy and moto see exactly what an AWS SDK would send. */
async function awsJsonCall(endpoint, region, service, target, body) {
  const url = new URL(endpoint);
  const request = {
    method: 'POST', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined,
    path: '/', body: JSON.stringify(body),
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
  };
  const signer = new SignatureV4({ service, region, credentials: DUMMY_CREDENTIALS, sha256: NodeSha256 });
  const { host, ...headers } = (await signer.sign(request)).headers; // fetch sets Host itself, to the same value
  return fetch(new URL('/', endpoint), { method: 'POST', headers, body: request.body });
}

/** The hash type @smithy/signature-v4 expects, on node:crypto (an HMAC when given a secret). */
class NodeSha256 {
  constructor(secret) {
    this.hash = secret ? createHmac('sha256', secret) : createHash('sha256');
  }

  update(data) {
    this.hash.update(data);
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
