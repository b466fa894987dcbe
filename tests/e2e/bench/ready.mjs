// Usage: node bench/ready.mjs --loads N --out FILE.json 'NAME|URL|SELECTOR[|OPENS]'...
//
// When each page is ready to use, as a visitor on a slow phone would see it:
// Chromium (the machine's: CHROME_PATH or /usr/bin/chromium) with DevTools
// throttling (150 ms latency, 1.6 Mbps down, 750 Kbps up, 4x CPU slowdown),
// a 412x823 viewport, Chinese, no service worker and a fresh context per
// load. Ready is the moment the element SELECTOR is visible (a photo: once
// it has loaded), in ms from the navigation's start. With OPENS, SELECTOR is
// tapped as soon as it is there, and ready is when OPENS is visible (for
// this site, the viewer dialog that a tap on a photo opens). N loads per page; the median is kept.
// Observed rather than simulated, so it complements Lighthouse's Lantern.
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  options: { loads: { type: 'string', default: '5' }, out: { type: 'string' } },
  allowPositionals: true,
});
const loads = Number(opts.loads);
const pages = positionals.map((arg) => {
  const [name, url, selector, opens] = arg.split('|');
  return { name, url, selector, opens };
});
if (!opts.out || !(loads >= 1) || !pages.length || pages.some((p) => !p.name || !p.url || !p.selector)) {
  console.error("usage: node ready.mjs --loads N --out FILE.json 'NAME|URL|SELECTOR'...");
  process.exit(2);
}

const THROTTLING = { latency: 150, downloadThroughput: 1_638_400 / 8, uploadThroughput: 750_000 / 8, cpu: 4 };
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
const report = { date: new Date().toISOString(), throttling: THROTTLING, loads, pages: {} };
for (const { name, url, selector, opens } of pages) {
  const times = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'zh-CN', serviceWorkers: 'block', hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: THROTTLING.latency,
      downloadThroughput: THROTTLING.downloadThroughput, uploadThroughput: THROTTLING.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpu });
    await page.goto(url, { waitUntil: 'commit' });
    const target = page.locator(selector).first();
    await target.waitFor({ state: 'visible', timeout: 60_000 });
    // A photo is shown once its bytes have arrived and decoded; the visitor
    // scrolls to it (a lazy photo below the fold loads only then).
    if (await target.evaluate((el) => el.tagName === 'IMG')) {
      await target.scrollIntoViewIfNeeded({ timeout: 60_000 });
      await target.evaluate((img) => img.decode().catch(() => undefined));
    }
    if (opens) {
      await target.tap({ timeout: 60_000 });
      await page.locator(opens).first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    times.push(Math.round(await page.evaluate(() => performance.now())));
    await context.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  report.pages[name] = { url, selector, opens, times, median: sorted[Math.floor(sorted.length / 2)] };
  console.error(`ready ${name}: ${times.join(', ')} ms (median ${report.pages[name].median})`);
}
await browser.close();
writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
