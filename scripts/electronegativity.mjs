// Security lint of the Electron shell (src/main, src/preload, src/renderer/index.html) with
// @doyensec/electronegativity: fails on any MEDIUM+ finding not suppressed below with a reason.
//
// Usage: node scripts/electronegativity.mjs [--verbose]   (npm run test:security)
// The scan is hermetic: the scanner's own network calls (translations, Electron release list)
// are replaced by an immediate failure, so it gives the same answer offline and online.
import { createRequire } from 'node:module'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const verbose = process.argv.includes('--verbose')

/** What is scanned: the code that configures Electron and the page it loads. */
const INPUTS = ['src/main', 'src/preload', 'src/renderer/index.html', 'package.json']

/** Severity names from the scanner, lowest first; MEDIUM and above fail the run. */
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
const FAIL_AT = SEVERITIES.indexOf('MEDIUM')

/**
 * Checks not run at all, each with the reason. Only checks that cannot give a meaningful
 * answer in this setting belong here; a check that finds something real must stay on.
 */
const EXCLUDED_CHECKS = [
  {
    id: 'AvailableSecurityFixesGlobalCheck',
    reason:
      'Needs to download the Electron release list from GitHub at scan time; this scan is ' +
      'offline and hermetic. Electron updates are tracked with npm outdated / npm audit.'
  }
]

/**
 * Findings reviewed and accepted. Each entry matches a finding by check id and file (relative to
 * the repository), optionally by a fragment of the flagged source line, and says why it is a
 * false positive or acceptable. Keep this list short and re-read it when the code changes.
 */
const SUPPRESSIONS = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src/main/main-window.ts',
    sample: 'preload: options.preload',
    reason:
      'A "review the preload" reminder, raised for any preload. Reviewed: src/preload/index.ts runs ' +
      'sandboxed with context isolation, imports only electron and src/shared/ipc, and exposes one ' +
      'object whose invoke() forwards only the contract channels (main re-checks channel, sender ' +
      'and request) and whose onMenuCommand() never hands the IpcRendererEvent to the page.'
  }
]

const require = createRequire(import.meta.url)
const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))

stubNetwork()
const run = require('@doyensec/electronegativity')
const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')
).version

const stage = stageInputs()
let result
try {
  result = await quietly(() =>
    run({
      input: stage,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.id),
      electronVersionOverride: electronVersion,
      // Only for parsing; TypeScript files are parsed by the scanner's own Babel TS plugin.
      parserPlugins: []
    })
  )
} finally {
  rmSync(stage, { recursive: true, force: true })
}

const parseFailures = result.errors.filter((error) => !error.tolerable)
const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file === 'N/A' ? 'N/A' : issue.file.split(sep).join('/'),
  line: issue.location?.line ?? 0,
  column: issue.location?.column ?? 0,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  description: issue.description,
  sample: issue.sample ?? '',
  manualReview: Boolean(issue.manualReview)
}))

const used = new Set()
const serious = []
const suppressed = []
for (const finding of findings) {
  if (SEVERITIES.indexOf(finding.severity) < FAIL_AT) continue
  const rule = SUPPRESSIONS.find(
    (entry) =>
      entry.id === finding.id &&
      entry.file === finding.file &&
      (entry.sample === undefined || finding.sample.includes(entry.sample))
  )
  if (rule) {
    used.add(rule)
    suppressed.push({ finding, rule })
  } else serious.push(finding)
}

const show = (finding) =>
  `  ${finding.severity} ${finding.id} ${finding.file}:${finding.line}:${finding.column}` +
  ` (${finding.confidence}${finding.manualReview ? ', review' : ''})\n    ${finding.description}` +
  (finding.sample ? `\n    > ${finding.sample}` : '')

if (verbose) {
  console.log(
    `Checks: ${result.globalChecks} global, ${result.atomicChecks} atomic, Electron ${electronVersion}`
  )
  for (const check of EXCLUDED_CHECKS) console.log(`Check not run: ${check.id}: ${check.reason}`)
  for (const finding of findings) console.log(show(finding))
  for (const { finding, rule } of suppressed) {
    console.log(`Suppressed ${finding.id} ${finding.file}:${finding.line}: ${rule.reason}`)
  }
}
for (const error of parseFailures) {
  console.error(`electronegativity: could not parse ${error.file}: ${error.message}`)
}
for (const finding of serious) console.error(show(finding))
for (const rule of SUPPRESSIONS.filter((entry) => !used.has(entry))) {
  console.warn(`electronegativity: stale suppression (nothing matches it): ${rule.id} ${rule.file}`)
}

console.log(
  `electronegativity: ${findings.length} findings, ${serious.length + suppressed.length} at MEDIUM ` +
    `or above (${suppressed.length} suppressed with reasons)` +
    (parseFailures.length ? `, ${parseFailures.length} files not parsed` : '')
)
process.exitCode = serious.length > 0 || parseFailures.length > 0 ? 1 : 0

/**
 * Copies the inputs into one temporary folder with their repository paths, so that one run sees
 * them all (the global checks, such as "is there a CSP anywhere", need the whole picture) and
 * reports repository-relative file names. Unit tests are left out: they are not shipped.
 */
function stageInputs() {
  const dir = mkdtempSync(join(tmpdir(), 'liasse-eng-'))
  for (const input of INPUTS) {
    const from = join(root, input)
    cpSync(from, join(dir, input), {
      recursive: true,
      filter: (path) => statSync(path).isDirectory() || !/\.test\.[cm]?[jt]s$/.test(path)
    })
  }
  if (verbose)
    console.log(
      `Scanning: ${listFiles(dir)
        .map((f) => relative(dir, f))
        .join(', ')}`
    )
  return dir
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]
  )
}

/**
 * The scanner fetches translations (i18n) and the Electron release list with `got`. Put a
 * stand-in for `got` in the module cache before loading the scanner, failing at once, so the
 * scan never touches the network and never waits for a timeout.
 */
function stubNetwork() {
  const gotPath = require.resolve('got', { paths: [scannerDir] })
  const offline = () => Promise.reject(new Error('network disabled for the security scan'))
  const stub = Object.assign(offline, { head: offline, get: offline, default: offline })
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: stub,
    children: [],
    paths: []
  }
}

/** Runs the scanner while holding back its console chatter (shown with --verbose). */
async function quietly(task) {
  const original = console.log
  const held = []
  console.log = (...args) => held.push(args)
  try {
    return await task()
  } finally {
    console.log = original
    if (verbose) for (const args of held) console.log('[scanner]', ...args)
  }
}
