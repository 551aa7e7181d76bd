// Evaluates events:PutEvents requests against an event bus's resource policy with @cloud-copilot/iam-simulate, an
// IAM policy simulator (identity and resource policies, every condition operator, explicit Deny, same- and
// cross-account requests). Reads {"resourcePolicy": {...}, "bus": "arn:...", "requests": [{"principal": "arn:...",
// "detailTypes": ["..."], "identityAllows": true}]} on stdin and prints one JSON line per request:
//   {"principal": "...", "detailTypes": [...], "decision": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied"}
// The request context is what EventBridge gives IAM for one PutEvents call: aws:PrincipalArn (a role's ARN for its
// sessions) and events:detail-type, multivalued, one value per entry of the call.
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const input = JSON.parse(readFileSync(0, 'utf8'));
const busAccount = input.bus.split(':')[4];

for (const request of input.requests) {
  const identityPolicies = request.identityAllows
    ? [{ name: 'may-put-events', policy: { Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: input.bus }] } }]
    : [];
  const result = await runSimulation({
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: input.resourcePolicy,
    request: {
      action: 'events:PutEvents',
      principal: request.principal,
      resource: { resource: input.bus, accountId: busAccount },
      contextVariables: { 'aws:PrincipalArn': request.principal, 'events:detail-type': request.detailTypes },
    },
  }, {});
  if (result.errors) {
    console.error(JSON.stringify(result.errors));
    process.exit(2);
  }
  console.log(JSON.stringify({ principal: request.principal, detailTypes: request.detailTypes, decision: result.overallResult }));
}
