import { test, type Page } from '@playwright/test';

// The timeline at scale: 200 entries and 1,000 photos. Reports the script
// time the timeline adds to the page (ScriptDuration from Chromium's
// Performance domain, minus the same page with a one-entry timeline) and
// how many photos are requested before and after scrolling.
const RUNS = 5;

function day(entries: number, photosEach: number) {
  const text = (s: string) => ({ zh: s, en: s });
  return {
    entries: Array.from({ length: entries }, (_, i) => ({
      id: `e${i}`,
      time: `${String(8 + Math.floor(i / 20)).padStart(2, '0')}:${String((i * 3) % 60).padStart(2, '0')}`,
      title: text(`Entry ${i}`),
      text: text(`What happened at entry ${i}, told in a sentence or two so the page has real text.`),
      photos: Array.from({ length: photosEach }, (_, j) => ({
        src: `bench-photos/${i}-${j}.jpg`,
        alt: text(`Photo ${j} of entry ${i}`),
        caption: text(`Caption ${i}.${j}`),
        width: 1200,
        height: 800,
      })),
    })),
  };
}

async function measure(page: Page, timeline: object, entries: number) {
  const photos = new Set<string>();
  page.on('request', (r) => r.url().includes('/bench-photos/') && photos.add(r.url()));
  await page.route('**/content/timeline.json', (route) => route.fulfill({ json: timeline }));
  await page.route('**/bench-photos/**', (route) => route.fulfill({ status: 204, body: '' }));
  await page.addInitScript(() => {
    (window as any).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as any).__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto('./?lang=en');
  await page.getByRole('region', { name: 'The day' }).getByRole('article').nth(entries - 1).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await page.waitForTimeout(300);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const script = metrics.find((m) => m.name === 'ScriptDuration')!.value * 1000;
  const longTasks: number[] = await page.evaluate(() => (window as any).__longTasks);
  const longest = Math.max(0, ...longTasks);
  const requestedBeforeScroll = photos.size;
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  await page.waitForTimeout(500);
  return { script, longest, requestedBeforeScroll, requestedAfterScroll: photos.size };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('timeline with 200 entries and 1,000 photos', async ({ browser }) => {
  const rows: string[] = [];
  const results: Record<string, Awaited<ReturnType<typeof measure>>[]> = { small: [], large: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const [name, entries, each] of [['small', 1, 1], ['large', 200, 5]] as const) {
      const page = await browser.newPage();
      results[name].push(await measure(page, day(entries, each), entries));
      await page.close();
    }
  }
  const small = median(results.small.map((r) => r.script));
  const large = median(results.large.map((r) => r.script));
  rows.push('| measure (median of ' + RUNS + ' runs) | value |', '|---|---|');
  rows.push(`| page script time, 1 entry / 1 photo | ${small.toFixed(1)} ms |`);
  rows.push(`| page script time, 200 entries / 1,000 photos | ${large.toFixed(1)} ms |`);
  rows.push(`| script time the large timeline adds, in all | ${(large - small).toFixed(1)} ms |`);
  rows.push(`| longest main-thread task, 1 entry | ${median(results.small.map((r) => r.longest)).toFixed(0)} ms |`);
  rows.push(`| longest main-thread task, 200 entries (first render and each chunk) | ${median(results.large.map((r) => r.longest)).toFixed(0)} ms |`);
  rows.push(`| photos requested before scrolling (of 1,000) | ${median(results.large.map((r) => r.requestedBeforeScroll))} |`);
  rows.push(`| photos requested after scrolling half way | ${median(results.large.map((r) => r.requestedAfterScroll))} |`);
  console.log('\n' + rows.join('\n') + '\n');
});
