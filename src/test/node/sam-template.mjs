// Reads a SAM template and builds a state machine's definition the way SAM deploys it: DefinitionUri loaded,
// DefinitionSubstitutions applied to every ${Key}.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import YAML from 'yaml';

export const ACCOUNT_ID = '123456789012';

const INTRINSICS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join',
  'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];

// Short-form tags (!GetAtt X.Arn) become long-form objects ({"Fn::GetAtt": "X.Arn"}), in all three YAML shapes.
const CLOUDFORMATION_TAGS = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value) => ({ [key]: value }) },
    { tag: `!${name}`, collection: 'seq', resolve: (seq) => ({ [key]: seq.toJSON() }) },
    { tag: `!${name}`, collection: 'map', resolve: (map) => ({ [key]: map.toJSON() }) },
  ];
});

export function loadTemplate(path) {
  return YAML.parse(readFileSync(path, 'utf8'), { customTags: CLOUDFORMATION_TAGS });
}

export function lambdaArn(region, functionName) {
  return `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${functionName}`;
}

/**
 * The definition of the AWS::Serverless::StateMachine `logicalId`, substituted.
 * `overrides` (from --substitution) win; then literal strings; then `!GetAtt <Function>.Arn` and
 * `!Ref <Function>.Alias` (SAM's AutoPublishAlias), which become the ARNs a LocalLambdaService answers to, the latter
 * qualified with the alias. Anything else only CloudFormation could compute, so it must be passed.
 */
export function stateMachineDefinition(templatePath, logicalId, overrides, region) {
  const template = loadTemplate(templatePath);
  const resources = template.Resources ?? {};
  const machine = resources[logicalId];
  if (machine?.Type !== 'AWS::Serverless::StateMachine') {
    const machines = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Serverless::StateMachine');
    throw new Error(`${templatePath} has no AWS::Serverless::StateMachine ${logicalId}; it has ${machines.join(', ')}`);
  }
  const properties = machine.Properties ?? {};
  const text = typeof properties.DefinitionUri === 'string'
    ? readFileSync(resolve(dirname(templatePath), properties.DefinitionUri), 'utf8')
    : JSON.stringify(properties.Definition);
  const values = substitutionValues(properties.DefinitionSubstitutions ?? {}, template, overrides, region);
  return JSON.parse(substitute(text, values, logicalId));
}

function substitutionValues(declared, template, overrides, region) {
  const values = {};
  const missing = [];
  for (const [key, value] of Object.entries(declared)) {
    const arn = functionArn(value, template, region);
    if (key in overrides) {
      values[key] = overrides[key];
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[key] = String(value);
    } else if (arn) {
      values[key] = arn;
    } else {
      missing.push(`${key} (${JSON.stringify(value)})`);
    }
  }
  if (missing.length > 0) {
    throw new Error('DefinitionSubstitutions need values only CloudFormation knows; '
      + `pass --substitution KEY=VALUE for: ${missing.join(', ')}`);
  }
  return { ...overrides, ...values };
}

/**
 * `!GetAtt F.Arn` / `!GetAtt [F, Arn]` is F's ARN; `!Ref F.Alias` is F's ARN qualified with its AutoPublishAlias
 * (the function's own, else Globals'); both only when F is a Lambda function. Else undefined.
 */
function functionArn(value, template, region) {
  const resources = template.Resources ?? {};
  const isFunction = (id) => ['AWS::Serverless::Function', 'AWS::Lambda::Function'].includes(resources[id]?.Type);
  const getAtt = value?.['Fn::GetAtt'];
  const [resource, attribute] = typeof getAtt === 'string' ? getAtt.split('.') : getAtt ?? [];
  if (isFunction(resource) && attribute === 'Arn') {
    return lambdaArn(region, resource);
  }
  const [aliased, suffix] = typeof value?.Ref === 'string' ? value.Ref.split('.') : [];
  const alias = resources[aliased]?.Properties?.AutoPublishAlias ?? template.Globals?.Function?.AutoPublishAlias;
  if (isFunction(aliased) && suffix === 'Alias' && alias) {
    return `${lambdaArn(region, aliased)}:${alias}`;
  }
  return undefined;
}

/** Fn::Sub semantics on the definition text: ${Key} is replaced, ${!Key} stays as the literal ${Key}. */
function substitute(text, values, logicalId) {
  const unknown = new Set();
  const result = text.replace(/\$\{(!?)([^}]+)\}/g, (match, literal, key) => {
    if (literal) {
      return `\${${key}}`;
    }
    if (!(key in values)) {
      unknown.add(key);
      return match;
    }
    return values[key];
  });
  if (unknown.size > 0) {
    const keys = [...unknown].map((key) => `\${${key}}`).join(', ');
    throw new Error(`the definition of ${logicalId} uses ${keys}, which its DefinitionSubstitutions do not declare`);
  }
  return result;
}
