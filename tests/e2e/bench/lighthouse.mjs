// Usage: node bench/lighthouse.mjs --runs N --out FILE.json [--lang zh-CN] [--block PATTERN]...
//                                   NAME=URL [NAME=URL ...]
//
// Lighthouse with its default config (mobile, simulated slow 4G and 4x CPU) on
// each URL: N runs one after another, each in a fresh headless Chromium (the
// machine's: CHROME_PATH or /usr/bin/chromium). Per page it keeps the run that
// Lighthouse's own computeMedianRun picks (the one closest to the median FCP
// and median TTI) and reports the category scores, the metrics, the bytes
// transferred by kind (from the network-requests audit) and the failing
// accessibility, best-practices and SEO audits. Writes it all as JSON to
// FILE.json and a summary to stdout.
//
// --lang: the browser's language (navigator.language, via --accept-lang);
//   default zh-CN, as the site follows it and headless Chromium says en-US.
// --block PATTERN (repeatable): Lighthouse's blockedUrlPatterns, e.g. '*/sw.js'.
//   A service worker that takes over mid-load serves the page's later requests
//   itself, and Lighthouse then counts only their headers.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = { fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift', speedIndex: 'speed-index', tti: 'interactive' };
const KINDS = ['html', 'css', 'js', 'wasm', 'json', 'image', 'font', 'other'];

const { values: opts, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    out: { type: 'string' },
    lang: { type: 'string', default: 'zh-CN' },
    block: { type: 'string', multiple: true, default: [] },
  },
  allowPositionals: true,
});
const runs = Number(opts.runs);
const pages = positionals.map((arg) => {
  const at = arg.indexOf('=');
  return { name: arg.slice(0, at), url: arg.slice(at + 1) };
});
if (!opts.out || !(runs >= 1) || !pages.length || pages.some((p) => !p.name || !p.url)) {
  console.error('usage: node lighthouse.mjs --runs N --out FILE.json [--lang zh-CN] [--block PATTERN]... NAME=URL...');
  process.exit(2);
}

/** One Lighthouse run in its own Chromium. */
async function runOnce(url) {
  const chromeFlags = [...CHROME_FLAGS, `--accept-lang=${opts.lang}`];
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES,
      blockedUrlPatterns: opts.block };
    return (await lighthouse(url, flags)).lhr;
  } finally {
    await chrome.kill();
  }
}

/** What a request is, for the byte counts: by MIME type and resource type, wasm and json first. */
function kind({ url = '', mimeType = '', resourceType = '' }) {
  const path = url.split(/[?#]/)[0];
  if (mimeType === 'application/wasm' || path.endsWith('.wasm')) return 'wasm';
  if (mimeType === 'application/json' || path.endsWith('.json')) return 'json';
  if (resourceType === 'Document' || mimeType === 'text/html') return 'html';
  if (resourceType === 'Stylesheet' || mimeType === 'text/css') return 'css';
  if (resourceType === 'Script' || /javascript|ecmascript/.test(mimeType)) return 'js';
  if (resourceType === 'Image' || mimeType.startsWith('image/')) return 'image';
  if (resourceType === 'Font' || mimeType.startsWith('font/')) return 'font';
  return 'other';
}

/** The gist of an audit's offending item (element, URL, message), for fixing it. */
function item(it) {
  const gist = {};
  for (const [key, v] of Object.entries(it)) {
    if (typeof v === 'string' || typeof v === 'number') gist[key] = v;
    else if (v?.type === 'node') Object.assign(gist, { selector: v.selector, snippet: v.snippet, explanation: v.explanation });
    else if (v?.type === 'source-location') gist[key] = `${v.url}:${v.line}:${v.column}`;
    else if (v?.type === 'code' || v?.type === 'url') gist[key] = v.value;
    else if (v?.type === 'subitems') gist[key] = v.items.map((s) => s.error ?? s.relatedNode?.selector ?? s);
  }
  return JSON.parse(JSON.stringify(gist)); // drops the undefined fields
}

function summarise(lhr, allRuns, medianIndex) {
  const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
  const metric = (id) => lhr.audits[id]?.numericValue ?? null;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const lcpNode = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  const bytes = Object.fromEntries([['total', 0], ['beforePaint', 0], ...KINDS.map((k) => [k, 0])]);
  // What the first view costs: the requests started before the observed first
  // contentful paint (both times count from the navigation's start).
  const paintedAt = lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint ?? Infinity;
  for (const r of requests) {
    bytes.total += r.transferSize || 0;
    bytes[kind(r)] += r.transferSize || 0;
    if (r.networkRequestTime < paintedAt) bytes.beforePaint += r.transferSize || 0;
  }
  const failedAudits = [];
  for (const c of CATEGORIES.filter((c) => c !== 'performance')) {
    for (const { id, weight } of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[id];
      if (a.score === null || a.score >= 1) continue;
      const items = a.details?.items ?? [];
      failedAudits.push({ category: c, id, title: a.title, score: a.score, weight, displayValue: a.displayValue,
        items: items.slice(0, 10).map(item), moreItems: Math.max(0, items.length - 10) });
    }
  }
  return {
    url: lhr.requestedUrl, finalUrl: lhr.finalDisplayedUrl, medianRun: medianIndex,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])),
    metrics: Object.fromEntries(Object.entries(METRICS).map(([k, id]) => [k, metric(id)])),
    lcpElement: lcpNode && { selector: lcpNode.selector, snippet: lcpNode.snippet, label: lcpNode.nodeLabel },
    bytes, requests: requests.length, failedAudits,
    requestList: requests.map((r) => ({ url: r.url, kind: kind(r), status: r.statusCode, transferSize: r.transferSize })),
    runWarnings: lhr.runWarnings,
    runs: allRuns.map((r) => ({
      performance: r.categories.performance?.score ?? null,
      ...Object.fromEntries(['fcp', 'lcp', 'tti'].map((k) => [k, r.audits[METRICS[k]]?.numericValue ?? null])),
      bytes: (r.audits['network-requests']?.details?.items ?? []).reduce((sum, q) => sum + (q.transferSize || 0), 0),
      runtimeError: r.runtimeError?.code,
    })),
  };
}

const report = {
  date: new Date().toISOString(),
  lighthouse: null,
  chromium: execFileSync(CHROME, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
  node: process.version,
  cpu: { model: os.cpus()[0]?.model, count: os.cpus().length },
  config: null,
  pages: {},
};
let failed = false;
for (const { name, url } of pages) {
  // A run in which Chromium reported no bytes for a script or the wasm (on a
  // first visit nothing is cached, so the browser just did not report them)
  // is left out: Lantern would count the file as free and simulate the page
  // as ready before its code had arrived. Runs go on until N are kept, at
  // most 3N in all.
  const unseen = (lhr) => (lhr.audits['network-requests']?.details?.items ?? [])
    .filter((r) => ['js', 'wasm'].includes(kind(r)) && r.statusCode === 200 && !r.transferSize)
    .map((r) => r.url);
  const lhrs = [];
  const seen = [];
  const errors = [];
  for (let i = 1; seen.length < runs && i <= 3 * runs; i++) {
    console.error(`lighthouse ${name} run ${i} (${seen.length}/${runs} kept): ${url}`);
    try {
      const lhr = await runOnce(url);
      lhrs.push(lhr);
      if (lhr.runtimeError) errors.push(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      const missing = unseen(lhr);
      if (missing.length) console.error(`  left out: no bytes reported for ${missing.join(', ')}`);
      else seen.push(lhr);
    } catch (e) {
      errors.push(String(e?.stack ?? e));
    }
  }
  // Should no run be kept, every run is used, and the report says so.
  const usable = seen.length ? seen : lhrs;
  const valid = filterToValidRuns(usable);
  if (!valid.length) {
    failed = true;
    report.pages[name] = { url, error: errors.join('; ') ||
'no run had FCP and TTI' };
    continue;
  }
  const median = computeMedianRun(valid);
  const { formFactor, throttlingMethod, throttling } = median.configSettings;
  report.lighthouse = median.lighthouseVersion;
  report.config = { formFactor, throttlingMethod, throttling, runsPerPage: runs,
    acceptLanguage: opts.lang, blockedUrlPatterns: opts.block, chromeFlags: CHROME_FLAGS };
  report.pages[name] = { ...summarise(median, usable, usable.indexOf(median)), leftOut: lhrs.length - seen.length,
    codeBytesUnseen: !seen.length,
    ...(errors.length && { errors }) };
}
writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');

// The summary: one column per page.
const names = Object.keys(report.pages);
const kb = (b) => (b / 1024).toFixed(1) + ' KiB';
const ms = (v) => (v == null ? '-' : Math.round(v) + ' ms');
const rows = [
  ...CATEGORIES.map((c) => [c, (p) => p.scores?.[c] ?? '-']),
  ['FCP', (p) => ms(p.metrics?.fcp)], ['LCP', (p) => ms(p.metrics?.lcp)], ['TBT', (p) => ms(p.metrics?.tbt)],
  ['CLS', (p) => p.metrics?.cls?.toFixed(3) ?? '-'], ['Speed Index', (p) => ms(p.metrics?.speedIndex)],
  ['requests', (p) => p.requests ?? '-'],
  ...['total', 'beforePaint', ...KINDS].map((k) => [`bytes ${k}`, (p) => (p.bytes ? kb(p.bytes[k]) : '-')]),
];
const table = [['', ...names], ...rows.map(([label, f]) => [label, ...names.map((n) => String(f(report.pages[n])))])];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log(`Lighthouse ${report.lighthouse}, ${report.chromium}, ${report.config?.formFactor} ` +
  `${report.config?.throttlingMethod} throttling, ${opts.lang}, median of ${runs} run(s); ${report.cpu.count} x ${report.cpu.model}`);
for (const r of table) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
for (const n of names) {
  const p = report.pages[n];
  if (p.error) console.log(`\n${n}: FAILED: ${p.error}`);
  else if (p.failedAudits.length) {
    console.log(`\n${n}: failing audits`);
    for (const a of p.failedAudits) {
      const unscored = a.weight ? '' : ', not scored';
      console.log(`  [${a.category}] ${a.id}: ${a.title} (${a.items.length + a.moreItems} item(s)${unscored})`);
    }
  }
}
console.log(`\nwrote ${opts.out}`);
process.exit(failed ? 1 : 0);
