// Validates Amazon States Language files with asl-validator and prints one JSON line per file:
//   {"file":"statemachine/bootstrap.asl.json","problems":["..."]}
// The files hold SAM placeholders (${XxxFunctionArn}); like the deployed definition, each is replaced by a
// well-formed value first, so the ARN checks judge the ASL and not the placeholder syntax.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lambdaArn } from './sam-template.mjs';

const validator = createRequire(import.meta.url)('asl-validator');

function placeholderValue(key) {
  if (key.endsWith('FunctionArn')) return lambdaArn('us-east-1', key.slice(0, -'Arn'.length));
  if (key.endsWith('Arn')) return `arn:aws:states:us-east-1:123456789012:stateMachine:${key}`;
  return `placeholder-${key}`;
}

function problemsIn(file) {
  let definition;
  try {
    const text = readFileSync(file, 'utf8').replace(/\$\{([^}!][^}]*)\}/g, (_, key) => placeholderValue(key));
    definition = JSON.parse(text);
  } catch (error) {
    return [`not readable as JSON: ${error.message}`];
  }
  const { isValid, errors } = validator(definition, { checkArn: true, checkPaths: true });
  return isValid ? [] : errors.map((e) => `${e['Error code']}: ${e.Message}`);
}

let invalid = false;
for (const file of process.argv.slice(2)) {
  const problems = problemsIn(file);
  invalid ||= problems.length > 0;
  process.stdout.write(`${JSON.stringify({ file, problems })}\n`);
}
process.exit(invalid ? 1 : 0);
