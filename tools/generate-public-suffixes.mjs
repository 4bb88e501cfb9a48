// Writes src/SecureSageMaker/Data/public-suffixes.json from the Public Suffix List that the pinned npm
// package `psl` ships (tools/package.json): the DNS firewall's allow-list is judged against it, so that
// a wildcard over a suffix where anyone can register a name (`*.eu.org`, `*.co.uk`) is caught.
// CI runs this and fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, 'node_modules', 'psl');
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const text = readFileSync(join(pkg, 'data', 'rules.js'), 'utf8');
const rules = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1].toLowerCase());
const unique = [...new Set(rules)].sort();
const out = { source: `Public Suffix List as shipped by npm psl ${version} (tools/generate-public-suffixes.mjs)`, rules: unique };
writeFileSync(join(here, '..', 'src', 'SecureSageMaker', 'Data', 'public-suffixes.json'), JSON.stringify(out) + '\n');
console.log(`public-suffixes.json: ${unique.length} rules from psl ${version}`);
