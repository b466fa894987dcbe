import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { serve, type Served } from './serve';

// Videos and a recording in the timeline and the viewer: a day whose media
// were made in Chromium by fixtures/make-media.mjs (2-second WebMs, their
// posters, WebVTT subtitles, a recording), served by the test.
const mediaDir = new URL('./fixtures/next-event/content/media/', import.meta.url);
const photoDir = new URL('./fixtures/photos/', import.meta.url);
const TYPES: Record<string, string> = {
  webm: 'video/webm', jpg: 'image/jpeg', webp: 'image/webp', vtt: 'text/vtt', m4a: 'audio/mp4', ogg: 'audio/ogg',
};
const song = existsSync(new URL('songs.m4a', mediaDir)) ? 'songs.m4a' : 'songs.ogg';
const text = (en: string) => ({ zh: `${en}（中）`, en });

const day = {
  entries: [
    {
      id: 'songs',
      time: '09:00',
      title: text('Red songs'),
      text: text('The choir sings.'),
      photos: [{ src: 'fixtures/photos/landscape.jpg', alt: text('The choir on stage'), width: 1200, height: 800 }],
      videos: [
        {
          src: 'media/choir.webm',
          poster: 'media/choir.jpg',
          width: 640,
          height: 360,
          title: text('The choir sings'),
          caption: text('Second verse'),
          captions: { zh: 'media/choir.zh.vtt', en: 'media/choir.en.vtt' },
        },
      ],
      audio: [{ src: `media/${song}`, title: text('Every song of the day') }],
    },
    { id: 'oath', time: '10:00', title: text('The oath'), videos: [{ src: 'media/oath.webm', poster: 'media/oath.jpg', width: 360, height: 640 }] },
    { id: 'lunch', time: '12:00', title: text('Lunch'), photos: [{ src: 'fixtures/photos/square.webp', alt: text('Lunch tables'), width: 1000, height: 1000 }] },
  ],
};

/** Opens the site with the day above as timeline.json; returns the media
 * files (videos and recordings) requested so far. */
async function open(page: Page, query = '?lang=en'): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (request) => {
    if (/\.(webm|m4a|ogg)(\?|$)/.test(request.url())) requested.push(new URL(request.url()).pathname);
  });
  await page.route('**/content/timeline.json', (route) => route.fulfill({ json: day }));
  await page.route(/\/(media|fixtures\/photos)\/[^/]+$/, (route) => {
    const url = new URL(route.request().url());
    const file = url.pathname.split('/').pop()!;
    const dir = url.pathname.includes('/media/') ? mediaDir : photoDir;
    const path = new URL(file, dir);
    if (!existsSync(path)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body: readFileSync(path), contentType: TYPES[file.split('.').pop()!] });
  });
  await page.goto(`./${query}`);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(timeline(page).getByRole('article')).toHaveCount(3);
  await page.evaluate(() => document.querySelectorAll('video, audio').forEach((m) => ((m as HTMLMediaElement).loop = true)));
  return requested;
}

const timeline = (page: Page): Locator => page.getByRole('region', { name: /^(The day|活动日程)$/ });
const viewer = (page: Page): Locator => page.getByRole('dialog');
const playButton = (page: Page, name: string) => timeline(page).getByRole('button', { name: `Play video: ${name}` });
const choir = (page: Page) => timeline(page).locator('video[src="media/choir.webm"]');

/** Waits until `video` is playing, past `seconds`. The fixtures last two
 * seconds: the tests loop them, so one never ends (and so pauses) on a slow
 * machine before the test has looked. */
async function playsOn(video: Locator, seconds = 0.3) {
  await expect
    .poll(() => video.evaluate((v: HTMLMediaElement, s) => !v.paused && v.currentTime > s, seconds), { timeout: 10_000 })
    .toBe(true);
}

/** Starts `video` (a viewer's), looping, and keeps it as `openVideo` to look at once it has gone. */
async function startKept(video: Locator) {
  await video.evaluate((v: HTMLVideoElement) => {
    (window as any).openVideo = v;
    v.loop = true;
    return v.play();
  });
  await playsOn(video);
}

test('a video shows its poster in its own shape, downloads nothing before play, then plays in the page', async ({ page }) => {
  const requested = await open(page);
  const video = choir(page);
  await video.scrollIntoViewIfNeeded();
  await expect(video).toHaveAttribute('poster', 'media/choir.jpg');
  await expect(video).toHaveAttribute('preload', 'none');
  for (const inline of ['playsinline', 'webkit-playsinline', 'x5-playsinline']) await expect(video).toHaveAttribute(inline, '');
  await expect(video).toHaveAttribute('x5-video-player-type', 'h5');
  expect(await video.evaluate((v: HTMLVideoElement) => v.autoplay)).toBe(false);
  const before = (await video.boundingBox())!;
  expect(Math.abs(before.width / before.height - 640 / 360)).toBeLessThan(0.02);
  await expect(timeline(page).getByText('The choir sings', { exact: true })).toBeVisible();
  await expect(timeline(page).getByText('Second verse')).toBeVisible();
  // Each figure's caption is its first or last child (as HTML requires).
  const captionsInPlace = await timeline(page).locator('figure:has(> figcaption)').evaluateAll((figures) =>
    figures.map((f) => {
      const at = [...f.children].findIndex((c) => c.tagName === 'FIGCAPTION');
      return at === 0 || at === f.children.length - 1;
    }),
  );
  expect(captionsInPlace).toEqual([true, true, true]);
  await page.waitForTimeout(800);
  expect(requested, 'nothing of a video or recording is fetched before play').toEqual([]);

  await playButton(page, 'The choir sings').click();
  await playsOn(video);
  expect(requested).toContain('/media/choir.webm');
  await expect(playButton(page, 'The choir sings')).toBeHidden();
  expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
  expect(await video.evaluate((v: HTMLVideoElement) => document.fullscreenElement === null)).toBe(true);
  const after = (await video.boundingBox())!;
  expect(Math.abs(after.height - before.height)).toBeLessThan(1);
  expect(Math.abs(after.width - before.width)).toBeLessThan(1);
});

test('a portrait video keeps its shape and fits the screen', async ({ page }) => {
  await open(page);
  const video = timeline(page).locator('video[src="media/oath.webm"]');
  await video.scrollIntoViewIfNeeded();
  const box = (await video.boundingBox())!;
  expect(Math.abs(box.width / box.height - 360 / 640)).toBeLessThan(0.02);
  expect(box.height).toBeLessThanOrEqual(page.viewportSize()!.height * 0.8 + 1);
  // Without a title of its own, it is named by its entry.
  await expect(playButton(page, 'The oath')).toBeVisible();
});

test('one video or recording plays at a time', async ({ page }) => {
  await open(page);
  await playButton(page, 'The choir sings').click();
  const video = choir(page);
  await playsOn(video);
  const recording = timeline(page).locator('audio');
  await expect(recording).toHaveAttribute('preload', 'none');
  await expect(timeline(page).getByText('Every song of the day')).toBeVisible();
  await recording.evaluate((a: HTMLAudioElement) => a.play());
  await playsOn(recording, 0.2);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await playButton(page, 'The oath').click();
  await playsOn(timeline(page).locator('video[src="media/oath.webm"]'));
  await expect.poll(() => recording.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
});

for (const lang of ['zh', 'en'] as const) {
  test(`subtitles are offered in both languages, the page's own (${lang}) on`, async ({ page }) => {
    await open(page, `?lang=${lang}`);
    const tracks = await choir(page).evaluate((v: HTMLVideoElement) =>
      [...v.querySelectorAll('track')].map((t) => ({ lang: t.srclang, label: t.label, kind: t.kind, on: t.default })),
    );
    expect(tracks).toEqual([
      { lang: 'zh-CN', label: '中文字幕', kind: 'subtitles', on: lang === 'zh' },
      { lang: 'en', label: 'English subtitles', kind: 'subtitles', on: lang === 'en' },
    ]);
  });
}

test('keyboard only: Tab reaches the play button, Enter plays the video in the page', async ({ page }) => {
  await open(page);
  const button = playButton(page, 'The choir sings');
  await button.scrollIntoViewIfNeeded();
  await button.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await playsOn(choir(page));
  // Focus stays on the video, whose controls the keyboard now uses.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('VIDEO');
});

test('in the viewer, videos sit among the photos: arrows reach them, a link opens one, moving on pauses it', async ({ page }) => {
  await open(page);
  await timeline(page).getByRole('button', { name: 'The choir on stage' }).click();
  const dialog = viewer(page);
  await expect(dialog.getByText('Photo 1 of 2 in “Red songs” · 1 of 4 today')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByText('Video 2 of 2 in “Red songs” · 2 of 4 today')).toBeVisible();
  await expect(page).toHaveURL(/[?&]photo=songs-2/);
  const video = dialog.locator('video');
  await expect(video).toHaveAttribute('poster', 'media/choir.jpg');
  await expect(video).toHaveAttribute('preload', 'none');
  expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
  await startKept(video);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByText('Video 1 of 1 in “The oath” · 3 of 4 today')).toBeVisible();
  expect(await page.evaluate(() => (window as any).openVideo.paused)).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('img', { name: 'Lunch tables' })).toBeVisible();

  await page.goto('./?lang=en&photo=oath-1');
  await expect(viewer(page).locator('video')).toHaveAttribute('src', 'media/oath.webm');
  await expect(viewer(page).getByText('Video 1 of 1 in “The oath” · 3 of 4 today')).toBeVisible();
});

test('closing the viewer stops its video', async ({ page }) => {
  await open(page, '?lang=en&photo=songs-2');
  const video = viewer(page).locator('video');
  await page.mouse.click(5, 5);
  await startKept(video);
  await viewer(page).getByRole('button', { name: 'Close' }).click();
  await expect(viewer(page)).toBeHidden();
  expect(await page.evaluate(() => (window as any).openVideo.paused)).toBe(true);
});

test.describe('touch', () => {
  test.skip(({ hasTouch }) => !hasTouch, 'phone viewport only');

  test('swiping from a photo to a video and on pauses it', async ({ page }) => {
    await open(page);
    await timeline(page).getByRole('button', { name: 'The choir on stage' }).click();
    const dialog = viewer(page);
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (from: [number, number], to: [number, number]) => {
      const send = (type: string, points: [number, number][]) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
      await send('touchStart', [from]);
      for (let step = 1; step <= 5; step++) {
        await send('touchMove', [[from[0] + ((to[0] - from[0]) * step) / 5, from[1] + ((to[1] - from[1]) * step) / 5]]);
      }
      await send('touchEnd', []);
    };
    await swipe([320, 300], [80, 310]);
    await expect(dialog.getByText('Video 2 of 2 in “Red songs” · 2 of 4 today')).toBeVisible();
    const video = dialog.locator('video');
    await startKept(video);
    await swipe([320, 300], [80, 310]);
    await expect(dialog.getByText('Video 1 of 1 in “The oath” · 3 of 4 today')).toBeVisible();
    expect(await page.evaluate(() => (window as any).openVideo.paused)).toBe(true);
  });
});

test('the timeline with videos, and the viewer with a video open, have no axe violations', async ({ page }) => {
  await open(page);
  const audit = async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await audit();
  await page.goto('./?lang=en&photo=songs-2');
  await expect(viewer(page).locator('video')).toBeVisible();
  await audit();
});

test('printed, a video is its poster with its title, without the play button', async ({ page }) => {
  await open(page);
  await page.emulateMedia({ media: 'print' });
  await expect(choir(page)).toBeVisible();
  await expect(playButton(page, 'The choir sings')).toBeHidden();
  await expect(timeline(page).getByText('The choir sings', { exact: true })).toBeVisible();
});

test.describe('with the offline worker', () => {
  test.use({ serviceWorkers: 'allow' });
  // The second pack, built by `cargo xtask test`, has videos in its day.
  const dir = process.env.E2E_NEXT_EVENT_DIST || '';
  let served: Served;
  test.beforeAll(async () => {
    test.skip(!dir, 'cargo xtask test builds the second pack (E2E_NEXT_EVENT_DIST)');
    served = await serve(dir);
  });
  test.afterAll(async () => served && (await served.close()));

  test('videos pass through the worker to the network, and no cache keeps one', async ({ page }) => {
    await page.goto(`${served.url}/?lang=en`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await expect(page.locator('#prerender')).toHaveCount(0);
    // This server answers a range request with the whole file, which a
    // worker that cached media would keep.
    await page.evaluate(() => document.querySelectorAll('video').forEach((v) => (v.loop = true)));
    await page.getByRole('button', { name: 'Play video: Arrival and sign-in' }).click();
    await playsOn(page.locator('video[src="content/media/oath.webm"]'));
    await page.waitForTimeout(500);
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
      }
      return urls;
    });
    expect(kept.length, 'the worker keeps the shell').toBeGreaterThan(3);
    expect(kept.filter((url) => /\.(webm|m4a|vtt)$/.test(url))).toEqual([]);
  });
});
