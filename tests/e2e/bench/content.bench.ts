import { test } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Content at scale (`cargo xtask bench content`, which generates the
// folders in SCALE_DIR): for each timeline.json, the time until the page
// shows the timeline (or its list of problems) and the longest main-thread
// task until then. Results go to SCALE_OUT as JSON for the table.
const RUNS = 3;
const dir = process.env.SCALE_DIR;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('content at scale', async ({ browser }) => {
  test.skip(!dir, 'run by `cargo xtask bench content`');
  test.setTimeout(600_000);
  const results: Record<string, { shown: number; longest: number }> = {};
  for (const name of readdirSync(dir!).filter((n) => /^\d+-(valid|problems)$/.test(n))) {
    const body = readFileSync(join(dir!, name, 'content/timeline.json'));
    const entries = Number(name.split('-')[0]);
    const shown: number[] = [];
    const longest: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      await page.route('**/content/timeline.json', (route) => route.fulfill({ body, contentType: 'application/json' }));
      await page.addInitScript(() => {
        (window as any).__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) (window as any).__longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto('./?lang=en');
      const day = page.getByRole('region', { name: 'The day' });
      if (name.endsWith('valid')) {
        await day.getByRole('article').nth(entries - 1).waitFor({ state: 'attached', timeout: 300_000 });
      } else {
        await day.getByRole('alert').waitFor({ timeout: 300_000 });
      }
      shown.push(await page.evaluate(() => performance.now()));
      await page.waitForTimeout(200);
      longest.push(await page.evaluate(() => Math.max(0, ...(window as any).__longTasks)));
      await page.close();
    }
    results[name] = { shown: median(shown), longest: median(longest) };
    console.log(name, results[name]);
  }
  writeFileSync(process.env.SCALE_OUT!, JSON.stringify(results, null, 2));
});
