// Sharing and reach: what the built page says before any script runs (link
// previews, JSON-LD, the story without JavaScript or WebAssembly), the
// takeover without layout shift, deep links with Back and Forward, copy
// link, offline revisits through the service worker, and printing.
import { expect, test, type Page } from '@playwright/test';
import { site, story, timeline } from './content';

/** The built index.html as a crawler gets it: no script runs. */
async function rawIndex(request: import('@playwright/test').APIRequestContext) {
  const response = await request.get('./');
  expect(response.status()).toBe(200);
  return response.text();
}

function meta(html: string, key: string): string | undefined {
  const pattern = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`);
  return html.match(pattern)?.[1];
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const shareUrl = new URL('share.png', site.url).href;

test('the raw page carries the link-preview tags from site.json', async ({ request }) => {
  const html = await rawIndex(request);
  expect(html).toContain(`<title>${site.title.zh}</title>`);
  expect(unescape(meta(html, 'description')!)).toBe(site.share.description.zh);
  expect(html).toContain(`<link rel="canonical" href="${site.url}" />`);
  expect(unescape(meta(html, 'og:title')!)).toBe(site.share.title.zh);
  expect(unescape(meta(html, 'og:description')!)).toBe(site.share.description.zh);
  expect(meta(html, 'og:type')).toBe('website');
  expect(meta(html, 'og:url')).toBe(site.url);
  expect(meta(html, 'og:image')).toBe(shareUrl);
  expect(meta(html, 'og:image:width')).toBe('1200');
  expect(meta(html, 'og:image:height')).toBe('630');
  expect(meta(html, 'twitter:card')).toBe('summary_large_image');
  expect(meta(html, 'twitter:image')).toBe(shareUrl);
  expect(meta(html, 'theme-color')).toMatch(/^#[0-9a-f]{6}$/i);
  expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,%3Csvg /);
  expect(html).toMatch(/<link rel="apple-touch-icon" href="apple-touch-icon\.png"/);
});

test('the share image is a 1200x630 PNG next to the page', async ({ request }) => {
  const response = await request.get('./share.png');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/png');
  expect(pngSize(await response.body())).toEqual([1200, 630]);
});

test('the JSON-LD is a valid schema.org Event with the fields from site.json', async ({ request }) => {
  const html = await rawIndex(request);
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  const event = JSON.parse(blocks[0][1]);
  expect(event['@context']).toBe('https://schema.org');
  expect(event['@type']).toBe('Event');
  expect(event.name).toBe(site.title.zh);
  expect(event.startDate).toBe(site.start_date);
  expect(event.startDate).toMatch(/^\d{4}-\d{2}-\d{2}/);
  expect(event.eventStatus).toBe('https://schema.org/EventScheduled');
  expect(event.location['@type']).toBe('Place');
  expect(event.location.name).toBe(site.place.zh);
  expect(event.organizer.map((o: { name: string }) => o.name)).toEqual(site.organisers.map((o) => o.name.zh));
  for (const organiser of event.organizer) expect(organiser['@type']).toBe('Organization');
  expect(event.image).toEqual([shareUrl]);
  expect(event.url).toBe(site.url);
});

test('the manifest makes the site installable, and its icons exist at their sizes', async ({ page, request }) => {
  // Linked once the app starts (after the first paint), not in the raw page.
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute('href', 'manifest.webmanifest');
  const response = await request.get('./manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest.name).toBe(site.title.zh);
  expect(manifest.short_name.length).toBeGreaterThan(0);
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(manifest.start_url).toBe('./');
  expect(manifest.display).toBe('standalone');
  const pngs = manifest.icons.filter((icon: { type: string }) => icon.type === 'image/png');
  expect(pngs.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
  for (const icon of pngs) {
    const body = await (await request.get(`./${icon.src}`)).body();
    expect(pngSize(body).join('x')).toBe(icon.sizes);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the title, date, organisers and story are there, with a short note', async ({ page }) => {
    await page.goto('./');
    // Both languages are in the markup; the page's own (Chinese) shows.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.zh, { useInnerText: true });
    await expect(page.getByText(site.title.en)).toBeHidden();
    await expect(page.getByText(site.date.zh, { exact: true })).toBeVisible();
    for (const organiser of site.organisers) {
      await expect(page.getByText(organiser.name.zh, { exact: true })).toBeVisible();
    }
    for (const section of story.sections) {
      await expect(page.getByRole('heading', { name: section.heading.zh, level: 3 })).toBeVisible();
      await expect(page.getByText(section.paragraphs[0].zh, { exact: true })).toBeVisible();
    }
    await expect(page.getByRole('note')).toContainText('JavaScript');
    // No controls that cannot work without script.
    await expect(page.getByRole('button')).toHaveCount(0);
  });
});

test('a browser without WebAssembly shows the story and says why the rest is missing', async ({ page }) => {
  await page.addInitScript(() => {
    delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
  });
  await page.goto('./?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.en);
  await expect(page.getByRole('note')).toContainText('WebAssembly');
  await expect(page.getByRole('heading', { name: story.sections[0].heading.en, level: 3 })).toBeVisible();
});

test('nothing but the page and its stylesheet is fetched before the first contentful paint', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('#app')).toBeVisible();
  const { paint, early } = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0].startTime;
    const early = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < paint)
      .map((entry) => new URL(entry.name).pathname);
    return { paint, early };
  });
  expect(paint).toBeGreaterThan(0);
  expect(early.every((path) => /^\/main-[0-9a-f]+\.css$/.test(path)), early.join(', ')).toBe(true);
  const started = await page.evaluate(
    () => performance.getEntriesByType('resource').filter((e) => /\/event-microsite-[0-9a-f]+\.js$/.test(e.name)).length,
  );
  expect(started).toBe(1);
});

test('after the first paint, the content files are fetched once each, beside the app rather than after it', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('#app')).toBeVisible();
  await expect(page.getByRole('button', { name: /开始答题|Start the quiz/ })).toBeVisible();
  const timing = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const wasm = entries.find((e) => e.name.endsWith('.wasm'))!;
    const content = entries.filter((e) => /\/content\/\w+\.json$/.test(e.name));
    return {
      files: content.map((e) => new URL(e.name).pathname).sort(),
      startedBeforeWasmArrived: content.every((e) => e.startTime < wasm.responseEnd),
    };
  });
  expect(timing.files).toEqual(['/content/quiz.json', '/content/site.json', '/content/story.json', '/content/timeline.json']);
  expect(timing.startedBeforeWasmArrived).toBe(true);
});

test('before the app arrives, the page is already in the visitor\'s language', async ({ page }) => {
  // The wasm never arrives: what shows is the build's own markup.
  await page.route('**/*.wasm', () => undefined);
  await page.goto('./?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.en);
  await expect(page.getByRole('heading', { name: story.sections[0].heading.en, level: 3 })).toBeVisible();
  await expect(page.getByText(story.sections[0].heading.zh)).toBeHidden();
});

test('the app takes over the prerendered page without moving anything', async ({ page }) => {
  await page.addInitScript(() => {
    // Before every frame: how many h1 the document holds (hidden or not).
    const w = window as unknown as { shifts: number[]; mostH1: number };
    w.mostH1 = 0;
    const sample = () => {
      w.mostH1 = Math.max(w.mostH1, document.querySelectorAll('h1').length);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    (window as unknown as { shifts: number[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // A slow wasm, so the prerendered page is painted first.
  await page.route('**/*.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto('./?lang=zh');
  await expect(page.locator('#prerender')).toBeVisible();
  const before = await page.getByRole('heading', { level: 1 }).boundingBox();
  // Taken over: the prerendered copy is gone and the app's parts are drawn.
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByRole('region', { name: '活动日程' }).getByRole('listitem')).toHaveCount(timeline.entries.length);
  const after = await page.getByRole('heading', { level: 1 }).boundingBox();
  expect(after).toEqual(before);
  await page.waitForTimeout(300);
  const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBe(0);
  // Never two copies of the page at once, even hidden (text searches and
  // screen readers would find both).
  expect(await page.evaluate(() => (window as unknown as { mostH1: number }).mostH1)).toBe(1);
});

test('content replaced on the host after the build keeps the reader in place and says so', async ({ page }) => {
  // The host's story has grown since the build: every paragraph is longer.
  const grown = structuredClone(story);
  for (const section of grown.sections) {
    section.paragraphs = section.paragraphs.map((p: { zh: string; en: string }) => ({
      zh: `${p.zh}${p.zh}${p.zh}`,
      en: `${p.en} ${p.en} ${p.en}`,
    }));
  }
  await page.route('**/content/story.json', (route) => route.fulfill({ json: grown }));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./?lang=en');
  const last = story.sections[story.sections.length - 1];
  const heading = page.getByRole('heading', { name: last.heading.en, level: 3 });
  // Reading the last section: its heading is the first one on screen.
  await heading.evaluate((h) => h.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await page.evaluate(() => window.scrollBy({ top: -80, behavior: 'instant' }));
  const before = (await heading.boundingBox())!.y;
  release();
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByText(grown.sections[0].paragraphs[0].en)).toHaveCount(1);
  // The heading being read has not moved, though the text above it grew.
  await page.waitForTimeout(500);
  expect(Math.abs((await heading.boundingBox())!.y - before)).toBeLessThanOrEqual(2);
  await expect(page.getByRole('status').filter({ hasText: 'latest content' })).toHaveCount(1);
});

async function appReady(page: Page) {
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByRole('region', { name: /活动日程|The day/ }).getByRole('listitem')).toHaveCount(timeline.entries.length);
}

test.describe('deep links', () => {
  const last = timeline.entries[timeline.entries.length - 1];

  for (const [fragment, name] of [
    ['#story', '活动纪实'],
    ['#timeline', '活动日程'],
    ['#quiz', '知识竞答'],
  ]) {
    test(`${fragment} opens at that part and highlights it`, async ({ page }) => {
      await page.goto(`./?lang=zh${fragment}`);
      const region = page.getByRole('region', { name, exact: true });
      await expect(region.getByRole('heading', { name, level: 2 })).toBeInViewport();
      await expect(region).toHaveClass(/is-linked/);
      // The highlight fades: it is a pointer, not a state.
      await expect(region).not.toHaveClass(/is-linked/, { timeout: 5000 });
    });
  }

  test('a timeline entry link opens at the entry and highlights it', async ({ page }) => {
    await page.goto(`./?lang=zh#entry-${last.id}`);
    const entry = page.locator(`#entry-${last.id}`);
    await expect(entry.getByRole('heading', { name: last.title.zh })).toBeInViewport();
    await expect(entry).toHaveClass(/is-linked/);
  });

  test('a photo link opens the viewer on that photo', async ({ page }) => {
    const first = timeline.entries[0];
    await page.goto(`./?lang=zh&photo=${first.id}-1`);
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText(first.title.zh);
  });

  test('a quiz result link opens the result card', async ({ page }) => {
    await page.goto('./?lang=en&score=8&of=13');
    const card = page.getByRole('region', { name: "A friend's quiz result" });
    await expect(card.getByText('8 of 13 correct (62%)')).toBeInViewport();
  });

  test('Back and Forward move between the sections and entries visited', async ({ page }) => {
    await page.goto('./?lang=zh');
    await appReady(page);
    await page.getByRole('navigation', { name: '页面导航' }).getByRole('link', { name: '活动日程' }).click();
    await expect(page).toHaveURL(/#timeline$/);
    // The "jump to" index (folded on a phone).
    const index = page.getByRole('navigation', { name: '跳转到' });
    const link = index.getByRole('link', { name: last.title.zh });
    if (!(await link.isVisible())) await index.getByText('跳转到').click();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`#entry-${last.id}$`));
    await expect(page.locator(`#entry-${last.id}`)).toBeInViewport();
    await page.goBack();
    await expect(page).toHaveURL(/#timeline$/);
    await expect(page.getByRole('heading', { name: '活动日程', level: 2 })).toBeInViewport();
    await page.goBack();
    await expect(page).toHaveURL(/\?lang=zh$/);
    await page.goForward();
    await expect(page).toHaveURL(/#timeline$/);
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`#entry-${last.id}$`));
    await expect(page.locator(`#entry-${last.id}`)).toBeInViewport();
    await expect(page.locator(`#entry-${last.id}`)).toHaveClass(/is-linked/);
  });
});

test('each entry has a copy-link button whose link opens at that entry', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const entry = timeline.entries[1];
  await page.goto('./?lang=en');
  await appReady(page);
  const button = page.getByRole('button', { name: `Copy link: ${entry.title.en}` });
  await button.click();
  await expect(page.getByRole('status').filter({ hasText: 'Link to this activity copied.' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(new URL(`#entry-${entry.id}`, baseURL).href);
  await expect(page.getByRole('button', { name: /^Copy link: / })).toHaveCount(timeline.entries.length);

  // The link carries no language: the visitor's own choice (here the saved English) stays.
  await page.goto(copied);
  await expect(page.locator(`#entry-${entry.id}`).getByRole('heading', { name: entry.title.en })).toBeInViewport();
  await expect(page.locator(`#entry-${entry.id}`)).toHaveClass(/is-linked/);
});

/** Opens the site and waits until its service worker controls the page. */
async function openWithWorker(page: Page) {
  await page.goto('./?lang=zh');
  await appReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a revisit without network shows the site, with the photos already seen', async ({ page, context }) => {
    await openWithWorker(page);
    // See the first photo while online.
    const photo = page.locator('.photo__img').first();
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // Leave, and come back while still online: the worker has kept it.
    const src = await photo.evaluate((img: HTMLImageElement) => img.currentSrc);
    await page.goto('about:blank');
    await page.goto('./?lang=zh');
    await expect.poll(() => page.evaluate(async (url) => !!(await caches.match(url)), src), { timeout: 10_000 }).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.zh);
    await appReady(page);
    await expect(page.getByRole('heading', { name: story.sections[0].heading.zh, level: 3 })).toBeVisible();
    await expect(page.getByRole('button', { name: '开始答题' })).toBeVisible();
    const again = page.locator('.photo__img').first();
    await again.scrollIntoViewIfNeeded();
    await expect.poll(() => again.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await context.setOffline(false);
  });

  test('new content shows as soon as the visitor is online, and stays for the next offline visit', async ({ page, context }) => {
    await openWithWorker(page);
    // The organisers replace site.json on the host.
    const newer = { ...JSON.parse(await (await page.request.get('./content/site.json')).text()), title: { zh: '新的活动标题', en: 'A new title' } };
    await context.route('**/content/site.json', (route) => route.fulfill({ json: newer }));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新的活动标题');
    // It came through the service worker, which asked the network first.
    const viaWorker = await page.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('content/site.json') && (e as PerformanceResourceTiming).workerStart > 0),
    );
    expect(viaWorker).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新的活动标题');
    await context.setOffline(false);
  });
});

test('printing gives the story and the day with photos, on A4, without controls', async ({ page }) => {
  await page.goto('./?lang=zh');
  await appReady(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: story.sections[0].heading.zh, level: 3 })).toBeVisible();
  for (const entry of timeline.entries) {
    await expect(page.locator(`#entry-${entry.id}`).getByRole('heading', { name: entry.title.zh })).toBeVisible();
  }
  // Photos still waiting for a scroll are fetched before printing.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const photos = page.locator('.photo__img');
  await expect(photos).toHaveCount(timeline.entries.length);
  await expect
    .poll(() => photos.evaluateAll((images) => images.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(timeline.entries.length);
  await expect(photos.last()).toBeVisible();
  await expect(page.getByRole('region', { name: '知识竞答' })).toBeHidden();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const visibleButtons = await page.getByRole('button').evaluateAll((buttons) =>
    buttons.filter((b) => (b as HTMLElement).offsetParent !== null && !b.classList.contains('photo__open')).length,
  );
  expect(visibleButtons).toBe(0);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  // A4 is 595 x 842 points.
  expect(pdf).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
});
