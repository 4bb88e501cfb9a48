#!/usr/bin/env node
// check-templates.mjs: offline compliance checks over synthesized CloudFormation templates.
//
// Usage:  node check-templates.mjs <cdk.out dir> [more template paths or dirs...]
//
// For every top-level `*.template.json` of the directory (nested assembly/asset folders are not
// searched) and for every extra path given, two public rule sets are evaluated:
//
//   1. AWS Control Tower proactive controls, written as cfn-guard rules. Both the rules and the
//      `cfn-guard` binary ship inside the npm package @cdklabs/cdk-validator-cfnguard; the binary
//      is run directly on the template file.
//      Suppression: a resource whose Metadata has `"guard": { "SuppressedRules": [...] }` listing
//      the rule name (e.g. `s3_bucket_logging_enabled_check`) or the control id (`CT.S3.PR.2`).
//      cfn-guard 3.x does not read that Metadata itself for these rules, so this script filters.
//   2. cdk-nag packs AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321. The template is
//      loaded with CfnInclude into a fresh App/Stack, the packs are added as Aspects, and the App is
//      synthesized in a temporary folder. Suppression: resource Metadata
//      `"cdk_nag": { "rules_to_suppress": [{ "id": "...", "reason": "..." }] }`, honoured by
//      cdk-nag itself (CfnInclude carries resource Metadata over to the included L1 resources).
//
// Output: a compact table per template on stdout and a Markdown report `<dir>/template-checks.md`.
// Exit code: 0 when no unsuppressed cfn-guard FAIL, cdk-nag error or template load error remains;
//            1 when one does (cdk-nag warnings are reported but never fail);
//            2 on bad usage or when a checker itself could not run.
// Everything runs offline: no AWS call, no network.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// jsii-based packages may print an end-of-life banner on older Node versions; silence it before
// any of them is loaded (the libraries are loaded lazily below, after this assignment).
process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ??= process.versions.node.split('.')[0];

const require = createRequire(import.meta.url);

const REPORT_NAME = 'template-checks.md';
const GUARD_PACKAGE = '@cdklabs/cdk-validator-cfnguard';
// Exit codes of `cfn-guard validate`: 0 = every rule passed or was skipped, 19 = some rule failed.
const GUARD_OK_EXIT_CODES = new Set([0, 19]);
const NAG_PACKS = ['AwsSolutionsChecks', 'HIPAASecurityChecks', 'NIST80053R5Checks', 'PCIDSS321Checks'];

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** Reads a JSON file. */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Lists every file below `dir` (recursively) whose name ends with `suffix`. */
function listFiles(dir, suffix) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

/** The top-level `*.template.json` files of a directory, or the file itself. */
function templatesAt(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [path.resolve(target)];
  return fs.readdirSync(target, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.template.json'))
    .map((e) => path.resolve(target, e.name))
    .sort();
}

/** Version of an installed npm package, read from its package.json. */
function packageVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'unknown';
  }
}

/** One line of Markdown table text: no newlines, pipes escaped. */
function md(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

/** Pads `rows` (arrays of strings) into aligned columns for the terminal. */
function columns(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
}

/** Milliseconds since `start`, as text in seconds. */
function seconds(start) {
  return `${((Date.now() - start) / 1000).toFixed(2)} s`;
}

/** Returns `schedule(fn)`, which runs async `fn`s with at most `n` of them in flight. */
function limiter(n) {
  let active = 0;
  const waiting = [];
  const pump = () => {
    while (active < n && waiting.length > 0) {
      const { fn, resolve, reject } = waiting.shift();
      active++;
      fn().then(resolve, reject).finally(() => { active--; pump(); });
    }
  };
  return (fn) => new Promise((resolve, reject) => { waiting.push({ fn, resolve, reject }); pump(); });
}

// ---------------------------------------------------------------------------------------------
// cfn-guard: AWS Control Tower proactive controls
// ---------------------------------------------------------------------------------------------

/**
 * Indexes the Control Tower rule files shipped in the package: for each `.guard` file, the name of
 * its top-level rule (what cfn-guard reports), the control id and texts from the matching
 * `metadata/<service>/<file>.metadata.json`, and the resource types the file mentions.
 */
function loadGuardCatalog() {
  const pkgDir = path.dirname(require.resolve(`${GUARD_PACKAGE}/package.json`));
  const rulesDir = path.join(pkgDir, 'rules', 'control-tower', 'cfn-guard');
  const metadataDir = path.join(pkgDir, 'rules', 'control-tower', 'metadata');

  // Same platform naming as the package's own plugin: linux builds are filed under "ubuntu".
  const platform = { linux: 'ubuntu', darwin: 'macos' }[os.platform()];
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[os.arch()];
  if (!platform || !arch) throw new Error(`no cfn-guard binary for ${os.platform()}/${os.arch()} in ${GUARD_PACKAGE}`);
  const binary = path.join(pkgDir, 'bin', platform, arch, 'cfn-guard');
  if (!fs.existsSync(binary)) throw new Error(`cfn-guard binary not found at ${binary}`);

  const metadataByFile = new Map(
    listFiles(metadataDir, '.metadata.json').map((f) => [path.basename(f, '.metadata.json'), f]),
  );

  const byRuleName = new Map();
  const ruleFiles = [];
  for (const file of listFiles(rulesDir, '.guard')) {
    const text = fs.readFileSync(file, 'utf8');
    const base = path.basename(file, '.guard');
    const metaFile = metadataByFile.get(base);
    const meta = metaFile ? readJson(metaFile) : {};
    // Top-level rules are the ones guarded by the "is a CloudFormation template" test.
    const names = [...new Set([...text.matchAll(/^rule\s+(\w+)\s+when\s+is_cfn_template/gm)].map((m) => m[1]))];
    const types = new Set([...text.matchAll(/["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']/g)].map((m) => m[1]));
    for (const t of meta.EvaluatedResourceTypes ?? []) types.add(t);
    const entry = {
      file,
      base,
      names,
      types,
      controlId: meta.Id ?? text.match(/\[(CT\.[A-Z0-9-]+\.PR\.\d+)\]/)?.[1] ?? '',
      title: meta.DisplayName ?? '',
      description: meta.Description ?? '',
      fix: meta.RemediationMessage ?? text.match(/\[FIX\]:\s*(.+)/)?.[1] ?? '',
      evaluatedTypes: new Set(meta.EvaluatedResourceTypes ?? []),
    };
    ruleFiles.push(entry);
    for (const name of names) byRuleName.set(name, entry);
  }
  const version = readJson(path.join(pkgDir, 'guard-version.json')).version ?? 'unknown';
  return { binary, rulesDir, ruleFiles, byRuleName, version };
}

/**
 * Only the rule files that can apply: a Control Tower rule selects resources by literal type, so a
 * file none of whose types is in the template would only SKIP. Files naming no type always run.
 * This keeps cfn-guard from re-reading the template for ~240 rule files that cannot match.
 */
function applicableRuleFiles(catalog, template) {
  const present = new Set(Object.values(template.Resources ?? {}).map((r) => r?.Type));
  return catalog.ruleFiles.filter((rf) => rf.types.size === 0 || [...rf.types].some((t) => present.has(t)));
}

/** Runs a command asynchronously and collects its output. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({
      code,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    }));
  });
}

/** Every `/Resources/<logicalId>/...` path found anywhere below a cfn-guard result node. */
function resourcesInResult(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) resourcesInResult(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'path' && typeof value === 'string') {
        const m = value.match(/^\/Resources\/([^/]+)/);
        if (m) found.add(m[1]);
      } else {
        resourcesInResult(value, found);
      }
    }
  }
  return found;
}

/** Name of the rule a `not_compliant` entry is about (the entry is normally `{ Rule: {...} }`). */
function guardRuleName(entry) {
  if (entry?.Rule?.name) return entry.Rule.name;
  for (const value of Object.values(entry ?? {})) if (value?.name) return value.name;
  return '(unnamed rule)';
}

/**
 * Runs cfn-guard on one template and turns its structured JSON output into findings:
 * one per failing rule and resource, with suppressions from the resource Metadata applied.
 */
async function checkGuard(catalog, templatePath, template) {
  const resources = template.Resources ?? {};
  const selected = applicableRuleFiles(catalog, template);
  const result = { findings: [], unusedSuppressions: [], rulesRun: selected.length, error: null, ms: 0 };
  const suppressionsUsed = new Set();

  if (selected.length > 0) {
    const args = ['validate', '--data', templatePath, ...selected.flatMap((rf) => ['--rules', rf.file]),
      '--output-format', 'json', '--show-summary', 'none', '--structured'];
    const t0 = Date.now();
    const { code, stdout, stderr } = await run(catalog.binary, args);
    result.ms = Date.now() - t0;
    let reports;
    try {
      if (!GUARD_OK_EXIT_CODES.has(code)) throw new Error(`exit code ${code}`);
      reports = JSON.parse(stdout);
    } catch (e) {
      result.error = `cfn-guard failed (${e.message}): ${(stderr || stdout).trim().slice(0, 500)}`;
      return result;
    }

    for (const report of reports) {
      // `not_compliant` is a list of rule results; be lenient if it comes as an object.
      const entries = Array.isArray(report.not_compliant) ? report.not_compliant : Object.values(report.not_compliant ?? {});
      for (const entry of entries) {
        const rule = guardRuleName(entry);
        const info = catalog.byRuleName.get(rule);
        // Attribute the failure to the resources of the types the control evaluates; paths into
        // other resources (e.g. a referenced key) are context, not the failing resource.
        let ids = [...resourcesInResult(entry)].filter((id) => id in resources);
        const ofType = ids.filter((id) => info?.evaluatedTypes.has(resources[id].Type));
        if (ofType.length > 0) ids = ofType;
        if (ids.length === 0) ids = ['(template)'];

        for (const id of ids.sort()) {
          const listed = resources[id]?.Metadata?.guard?.SuppressedRules;
          const suppressedBy = Array.isArray(listed)
            ? listed.find((s) => s === rule || (info?.controlId && s === info.controlId))
            : undefined;
          if (suppressedBy) suppressionsUsed.add(`${id}\u0000${suppressedBy}`);
          result.findings.push({
            tool: 'cfn-guard',
            level: 'FAIL',
            rule,
            controlId: info?.controlId ?? '',
            resource: id,
            type: resources[id]?.Type ?? '',
            info: info?.title || info?.description || '',
            explanation: info?.description ?? '',
            fix: info?.fix ?? '',
            ruleFile: info ? path.relative(catalog.rulesDir, info.file) : '',
            suppressed: Boolean(suppressedBy),
            reason: suppressedBy ? `Metadata guard.SuppressedRules contains "${suppressedBy}"` : '',
          });
        }
      }
    }
  }

  // Suppressions that matched no failure: stale, or not a known Control Tower identifier at all.
  for (const [id, resource] of Object.entries(resources)) {
    const listed = resource?.Metadata?.guard?.SuppressedRules;
    if (!Array.isArray(listed)) continue;
    for (const s of listed) {
      if (suppressionsUsed.has(`${id}\u0000${s}`)) continue;
      const known = catalog.byRuleName.has(s) || catalog.ruleFiles.some((rf) => rf.controlId === s);
      result.unusedSuppressions.push({
        resource: id,
        id: s,
        note: known ? 'rule did not fail on this resource' : 'not a Control Tower guard rule name or control id',
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// cdk-nag: AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321
// ---------------------------------------------------------------------------------------------

let nagLibs; // loaded once, on first use

function loadNagLibs() {
  nagLibs ??= {
    cdk: require('aws-cdk-lib'),
    include: require('aws-cdk-lib/cloudformation-include'),
    nag: require('cdk-nag'),
  };
  return nagLibs;
}

/**
 * Loads the template with CfnInclude into a fresh App/Stack, applies the four packs as Aspects and
 * synthesizes into a temporary folder. A custom logger receives every finding (with the resource
 * object, so the logical id is exact) and every honoured suppression with its reason; the
 * error/warning annotations of the synthesized stack are cross-checked against the logger.
 */
function checkNag(templatePath, template) {
  const { cdk, include, nag } = loadNagLibs();
  const resources = template.Resources ?? {};
  const result = { findings: [], unusedSuppressions: [], loadIssues: [], error: null };
  const events = [];

  const logicalIdOf = (resource) => cdk.Stack.of(resource).resolve(resource.logicalId);
  const record = (kind) => (d) => events.push({
    kind,
    ruleId: d.ruleId,
    level: d.ruleLevel,
    resource: logicalIdOf(d.resource),
    findingId: d.findingId ?? '',
    info: d.ruleInfo,
    explanation: d.ruleExplanation,
    reason: d.suppressionReason ?? d.errorSuppressionReason ?? '',
    errorMessage: d.errorMessage ?? '',
  });
  const logger = {
    onCompliance() {},
    onNotApplicable() {},
    onNonCompliance: record('finding'),
    onSuppressed: record('suppressed'),
    onError: record('error'),
    onSuppressedError: record('suppressedError'),
  };

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-templates-'));
  try {
    // Builds the App; `allowCycles` is only used after a strict load found a dependency cycle.
    const build = (allowCycles) => {
      // aws-cdk-lib's own schema validation is a different rule set (and prints to the console).
      const app = new cdk.App({ outdir, builtinCloudFormationValidation: false });
      // No bootstrap-version rule: the included template already carries its own.
      const synthesizer = new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false });
      const stack = new cdk.Stack(app, 'Checked', { synthesizer });
      const included = new include.CfnInclude(stack, 'Template', {
        templateFile: templatePath,
        allowCyclicalReferences: allowCycles,
      });
      return { app, stack, included };
    };

    let built;
    try {
      built = build(false);
    } catch (e) {
      const message = String(e?.message ?? e).split('\n')[0];
      if (!/cycle/i.test(message)) throw e;
      // CloudFormation rejects such a template ("Circular dependency between resources"), so it
      // is reported as an error; the checks still run on it.
      result.loadIssues.push({ level: 'Error', rule: 'CircularDependency', message });
      built = build(true);
    }
    const { app } = built;
    // Note: the included resources all sit directly under the CfnInclude construct, so rules that
    // look at the construct tree rather than the template (VPCDefaultSecurityGroupClosed looks for
    // CDK's RestrictDefaultSecurityGroup custom resource as a sibling of the VPC) cannot pass here.
    for (const pack of NAG_PACKS) {
      cdk.Aspects.of(app).add(new nag[pack]({ reports: false, verbose: false, additionalLoggers: [logger] }));
    }
    const assembly = app.synth();
    const messages = assembly.getStackArtifact(built.stack.artifactId).messages;

    // Group logger events by rule, resource and outcome: one line per rule and resource.
    const groups = new Map();
    for (const e of events) {
      const suppressed = e.kind === 'suppressed' || e.kind === 'suppressedError';
      // A rule that throws is reported by cdk-nag as the warning "CdkNagValidationFailure".
      const isError = e.kind === 'error' || e.kind === 'suppressedError';
      // Labelled as cdk-nag's own annotation does: CdkNagValidationFailure[<rule that threw>].
      const rule = isError ? `CdkNagValidationFailure[${e.ruleId}]` : e.ruleId;
      const level = isError ? 'Warning' : e.level;
      const key = [rule, e.resource, suppressed, level, isError].join('\u0000');
      let g = groups.get(key);
      if (!g) {
        g = {
          tool: 'cdk-nag',
          level,
          rule,
          controlId: '',
          resource: e.resource,
          type: resources[e.resource]?.Type ?? '',
          info: isError ? `${e.ruleId} threw while validating: ${e.errorMessage}` : e.info,
          explanation: e.explanation,
          fix: '',
          findingIds: [],
          suppressed,
          reason: e.reason,
          suppressionId: isError ? 'CdkNagValidationFailure' : rule,
        };
        groups.set(key, g);
      }
      if (e.findingId && !g.findingIds.includes(e.findingId)) g.findingIds.push(e.findingId);
    }
    result.findings = [...groups.values()];

    // Cross-check: every error/warning annotation should be one the logger saw. Anything else
    // (e.g. a warning from aws-cdk-lib itself) is reported too, with its own level.
    const includePrefix = `/${built.stack.node.id}/${built.included.node.id}/`;
    for (const m of messages) {
      if (m.level !== 'error' && m.level !== 'warning') continue;
      const text = String(m.entry?.data ?? '');
      const resource = m.id.startsWith(includePrefix) ? m.id.slice(includePrefix.length).split('/')[0] : m.id;
      const rule = text.match(/^([\w.-]+)(?:\[|:)/)?.[1] ?? '';
      const known = result.findings.some((f) => !f.suppressed && f.resource === resource
        && (f.rule === rule || (rule === 'CdkNagValidationFailure' && f.suppressionId === rule)));
      if (known) continue;
      result.findings.push({
        tool: 'cdk-nag',
        level: m.level === 'error' ? 'Error' : 'Warning',
        rule: rule || '(annotation)',
        controlId: '',
        resource,
        type: resources[resource]?.Type ?? '',
        info: text.trim(),
        explanation: '',
        fix: '',
        findingIds: [],
        suppressed: false,
        reason: '',
        suppressionId: rule,
      });
    }
  } catch (e) {
    result.error = `cdk-nag could not check the template: ${String(e?.message ?? e).replace(/\s+/g, ' ').trim().slice(0, 600)}`;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }

  // Suppressions that matched nothing on their resource.
  for (const [id, resource] of Object.entries(resources)) {
    const listed = resource?.Metadata?.cdk_nag?.rules_to_suppress;
    if (!Array.isArray(listed)) continue;
    for (const s of listed) {
      const used = result.findings.some((f) => f.suppressed && f.resource === id && f.suppressionId === s?.id);
      if (!used) result.unusedSuppressions.push({ resource: id, id: s?.id, note: 'no finding of this rule on this resource' });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

const isBlocking = (f) => !f.suppressed && (f.level === 'FAIL' || f.level === 'Error');

/** Orders findings: by tool, blocking levels first, then by rule and resource. */
function sortFindings(list) {
  const rank = { FAIL: 0, Error: 0, Warning: 1, Info: 2 };
  return [...list].sort((a, b) => a.tool.localeCompare(b.tool) || (rank[a.level] ?? 3) - (rank[b.level] ?? 3)
    || a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource));
}

/** Counts for the summary line and table. */
function summarize(t) {
  const open = t.findings.filter((f) => !f.suppressed);
  return {
    guardFail: open.filter((f) => f.tool === 'cfn-guard').length,
    nagError: open.filter((f) => f.tool === 'cdk-nag' && f.level === 'Error').length,
    nagWarning: open.filter((f) => f.tool === 'cdk-nag' && f.level === 'Warning').length,
    loadError: t.loadIssues.length + t.toolErrors.length,
    suppressed: t.findings.filter((f) => f.suppressed).length,
  };
}

/** Whether a template has anything that makes the run fail. */
function failing(t) {
  return t.findings.some(isBlocking) || t.loadIssues.length > 0 || t.toolErrors.length > 0;
}

/** Prints the compact per-template table. */
function printTemplate(t) {
  const s = summarize(t);
  console.log(`\n== ${t.name} (${t.resourceCount} resources, ${t.seconds}) `
    + `cfn-guard: ${s.guardFail} FAIL; cdk-nag: ${s.nagError} error, ${s.nagWarning} warning; `
    + `${s.suppressed} suppressed => ${failing(t) ? 'FAIL' : 'ok'}`);
  for (const e of t.toolErrors) console.log(`  ! ${e}`);
  for (const l of t.loadIssues) console.log(`  ! template ${l.rule}: ${l.message}`);
  const open = sortFindings(t.findings.filter((f) => !f.suppressed));
  if (open.length === 0) return;
  const rows = [['TOOL', 'LEVEL', 'RULE', 'CONTROL', 'RESOURCE']];
  for (const f of open) rows.push([f.tool, f.level, f.rule, f.controlId || '-', f.resource]);
  for (const line of columns(rows)) console.log(`  ${line}`);
}

/** Builds the Markdown report. */
function markdownReport(templates, versions) {
  const out = [];
  out.push('# Template checks', '');
  out.push('Generated by `tools/check-templates.mjs` (offline). '
    + `cfn-guard ${versions.guard} with the AWS Control Tower proactive control rules of `
    + `${GUARD_PACKAGE} ${versions.guardPackage}; cdk-nag ${versions.nag} `
    + `(AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) on aws-cdk-lib ${versions.cdk}.`, '');
  out.push('Suppress a cfn-guard finding with resource Metadata `"guard": {"SuppressedRules": ["<rule name>"]}` '
    + '(the control id, e.g. `CT.S3.PR.2`, is accepted too); a cdk-nag finding with '
    + '`"cdk_nag": {"rules_to_suppress": [{"id": "<rule id>", "reason": "..."}]}`. '
    + 'Unsuppressed cfn-guard FAILs, cdk-nag errors and template load errors fail the check; cdk-nag warnings do not. '
    + 'cdk-nag sees the template through CfnInclude, so rules that inspect the CDK construct tree '
    + '(e.g. `*-VPCDefaultSecurityGroupClosed`) report as if the original constructs were absent.', '');

  out.push('| Template | Resources | cfn-guard FAIL | cdk-nag errors | cdk-nag warnings | Load errors | Suppressed | Result |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const t of templates) {
    const s = summarize(t);
    out.push(`| ${md(t.name)} | ${t.resourceCount} | ${s.guardFail} | ${s.nagError} | ${s.nagWarning} | ${s.loadError} | ${s.suppressed} | ${failing(t) ? '**FAIL**' : 'pass'} |`);
  }
  out.push('');

  for (const t of templates) {
    out.push(`## ${md(t.name)}`, '', `\`${t.path}\``, '');
    if (t.toolErrors.length || t.loadIssues.length) {
      out.push('### Template load', '');
      for (const e of t.toolErrors) out.push(`- **Error**: ${md(e)}`);
      for (const l of t.loadIssues) out.push(`- **${l.level}** \`${l.rule}\`: ${md(l.message)}`);
      out.push('');
    }
    for (const tool of ['cfn-guard', 'cdk-nag']) {
      const title = tool === 'cfn-guard' ? 'cfn-guard: AWS Control Tower proactive controls' : 'cdk-nag';
      const all = t.findings.filter((f) => f.tool === tool);
      const open = sortFindings(all.filter((f) => !f.suppressed));
      const suppressed = sortFindings(all.filter((f) => f.suppressed));
      const unused = (tool === 'cfn-guard' ? t.guardUnused : t.nagUnused);
      out.push(`### ${title}`, '');
      if (tool === 'cfn-guard') out.push(`${t.guardRulesRun} rule files applied to the resource types of this template.`, '');
      if (open.length === 0) {
        out.push('No unsuppressed findings.', '');
      } else if (tool === 'cfn-guard') {
        out.push('| Control | Rule (suppression id) | Resource | Type | Requirement | Fix |', '| --- | --- | --- | --- | --- | --- |');
        for (const f of open) out.push(`| ${md(f.controlId)} | \`${md(f.rule)}\` | \`${md(f.resource)}\` | ${md(f.type)} | ${md(f.info)} | ${md(f.fix)} |`);
        out.push('');
      } else {
        out.push('| Rule (suppression id) | Level | Resource | Type | Finding |', '| --- | --- | --- | --- | --- |');
        for (const f of open) {
          const ids = f.findingIds.length ? ` Findings: ${f.findingIds.map((id) => `\`${md(id)}\``).join(', ')}` : '';
          out.push(`| \`${md(f.suppressionId)}\` | ${f.level} | \`${md(f.resource)}\` | ${md(f.type)} | ${md(f.info)}${ids} |`);
        }
        out.push('');
      }
      if (suppressed.length) {
        out.push(`<details><summary>${suppressed.length} suppressed</summary>`, '');
        out.push('| Rule | Resource | Reason |', '| --- | --- | --- |');
        for (const f of suppressed) out.push(`| \`${md(f.rule)}\`${f.findingIds?.length ? ` (${f.findingIds.length} findings)` : ''} | \`${md(f.resource)}\` | ${md(f.reason)} |`);
        out.push('', '</details>', '');
      }
      if (unused.length) {
        out.push('Unused suppressions:', '');
        for (const u of unused) out.push(`- \`${md(u.id)}\` on \`${md(u.resource)}\`: ${md(u.note)}`);
        out.push('');
      }
      // Why each failing cdk-nag rule exists, once per rule.
      if (tool === 'cdk-nag' && open.length) {
        const seen = new Set();
        out.push('<details><summary>Rule explanations</summary>', '');
        for (const f of open) {
          if (seen.has(f.rule) || !f.explanation) continue;
          seen.add(f.rule);
          out.push(`- \`${md(f.rule)}\`: ${md(f.explanation)}`);
        }
        out.push('', '</details>', '');
      }
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(argv) {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.error('usage: node check-templates.mjs <cdk.out dir> [more template paths...]');
    return 2;
  }
  const started = Date.now();
  const missing = argv.filter((a) => !fs.existsSync(a));
  if (missing.length > 0) {
    console.error(`not found: ${missing.join(', ')}`);
    return 2;
  }
  const reportDir = fs.statSync(argv[0]).isDirectory() ? argv[0] : path.dirname(argv[0]);
  const paths = [...new Set(argv.flatMap(templatesAt))];
  if (paths.length === 0) {
    console.error(`no *.template.json found in ${argv.join(', ')}`);
    return 2;
  }

  const catalog = loadGuardCatalog();
  const versions = {
    guard: catalog.version,
    guardPackage: packageVersion(GUARD_PACKAGE),
    nag: packageVersion('cdk-nag'),
    cdk: packageVersion('aws-cdk-lib'),
  };

  // Start the cfn-guard runs first: they are child processes, at most one per CPU at a time, and
  // they go on while cdk-nag works in this process.
  const parsed = paths.map((p) => ({ path: p, template: readJson(p) }));
  const schedule = limiter(Math.max(1, os.cpus().length));
  const guardRuns = parsed.map(({ path: p, template }) => schedule(() => checkGuard(catalog, p, template)));

  // cdk-nag runs in this process, one template after the other.
  const nagRuns = [];
  for (const { path: p, template } of parsed) {
    const t0 = Date.now();
    nagRuns.push({ ...checkNag(p, template), ms: Date.now() - t0 });
    // Let the event loop read cfn-guard output between two templates.
    await new Promise((r) => setImmediate(r));
  }

  const templates = [];
  for (const [i, { path: p, template }] of parsed.entries()) {
    const guard = await guardRuns[i];
    const nagRun = nagRuns[i];
    const relative = path.relative(process.cwd(), p);
    templates.push({
      name: path.basename(p),
      path: relative.startsWith('..') ? p : relative,
      resourceCount: Object.keys(template.Resources ?? {}).length,
      findings: [...guard.findings, ...nagRun.findings],
      loadIssues: nagRun.loadIssues,
      toolErrors: [guard.error, nagRun.error].filter(Boolean),
      guardUnused: guard.unusedSuppressions,
      nagUnused: nagRun.unusedSuppressions,
      guardRulesRun: guard.rulesRun,
      seconds: `cfn-guard ${(guard.ms / 1000).toFixed(2)} s, cdk-nag ${(nagRun.ms / 1000).toFixed(2)} s`,
    });
  }

  for (const t of templates) printTemplate(t);
  const reportPath = path.join(reportDir, REPORT_NAME);
  fs.writeFileSync(reportPath, markdownReport(templates, versions));

  const failed = templates.filter(failing);
  const toolBroken = templates.some((t) => t.toolErrors.length > 0);
  console.log(`\n${templates.length} template(s) checked in ${seconds(started)}; `
    + `${failed.length} failing. Report: ${reportPath}`);
  if (toolBroken) return 2;
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(e?.stack ?? e); process.exitCode = 2; },
);
