import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

// A day made of real raster photos (JPEG and WebP; landscape, portrait,
// square, panorama), served by the test, plus one that does not exist.
const photoDir = new URL('./fixtures/photos/', import.meta.url);
const sizes: Record<string, [number, number]> = {
  'landscape.jpg': [1200, 800],
  'portrait.jpg': [900, 1200],
  'square.webp': [1000, 1000],
  'panorama.webp': [1600, 640],
};
const text = (en: string) => ({ zh: `${en}（中）`, en });

function photo(file: string, n: number, extra: object = {}) {
  const [width, height] = sizes[file] ?? [1200, 800];
  return {
    src: `fixtures/photos/${file}?n=${n}`,
    alt: text(`Alt ${n}: ${file}`),
    caption: text(`Caption ${n}`),
    width,
    height,
    ...extra,
  };
}

const day = {
  entries: [
    {
      id: 'arrival',
      time: '08:30',
      title: text('Arrival'),
      text: text('Guests arrive.'),
      place: text('Main hall'),
      part: text('Morning'),
      photos: [photo('landscape.jpg', 1, { credit: text('Photo: Wang') }), photo('portrait.jpg', 2)],
    },
    { id: 'welcome', time: '09:00', part: text('Morning'), title: text('Welcome'), text: text('No photos here.'), speaker: text('Li Qun') },
    { id: 'tour', time: '14:00', part: text('Afternoon'), title: text('Tour'), text: text('A walk.'), photos: [photo('square.webp', 3), photo('panorama.webp', 4), photo('missing.jpg', 5)] },
  ],
};
const photoCount = 5;

/** Opens the site with `timeline` as timeline.json and serves the fixture photos. */
async function openWith(page: Page, timeline: object, query = '?lang=en') {
  await page.route('**/content/timeline.json', (route) => route.fulfill({ json: timeline }));
  await page.route('**/fixtures/photos/**', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    if (!sizes[file]) return route.fulfill({ status: 404, body: 'not found' });
    const type = file.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    return route.fulfill({ body: readFileSync(new URL(file, photoDir)), contentType: type });
  });
  await page.goto(`./${query}`);
}

function timelinePart(page: Page): Locator {
  return page.getByRole('region', { name: 'The day' });
}

function viewer(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Photo viewer' });
}

test('entries are in time order, with place, speaker, credits, and no photo where there is none', async ({ page }) => {
  await openWith(page, { entries: [...day.entries].reverse() });
  const entries = timelinePart(page).getByRole('article');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0).getByRole('heading')).toHaveText('Arrival');
  // Parts of the day head their entries, which sit one level below.
  const part = timelinePart(page);
  await expect(part.getByRole('heading', { name: 'Morning', level: 3 })).toHaveCount(1);
  await expect(part.getByRole('heading', { name: 'Afternoon', level: 3 })).toBeVisible();
  await expect(part.getByRole('heading', { name: 'Tour', level: 4 })).toBeVisible();
  await expect(entries.nth(0).getByText('08:30')).toBeVisible();
  await expect(entries.nth(0).getByText('Place: Main hall')).toBeVisible();
  await expect(entries.nth(0).getByText('Photo: Wang')).toBeVisible();
  await expect(entries.nth(1).getByText('Speaker: Li Qun')).toBeVisible();
  await expect(entries.nth(1).getByRole('img')).toHaveCount(0);
  const img = entries.nth(0).getByRole('img', { name: 'Alt 1: landscape.jpg' });
  await expect(img).toHaveAttribute('width', '1200');
  await expect(img).toHaveAttribute('height', '800');
});

test('a missing photo shows its alt text in a placeholder, not a broken image', async ({ page }) => {
  await openWith(page, day);
  // Lazy: it is only requested (and fails) once near the viewport.
  await timelinePart(page).getByText('Caption 5').scrollIntoViewIfNeeded();
  const missing = timelinePart(page).getByRole('img', { name: 'Alt 5: missing.jpg' });
  await expect(missing).toContainText('Photo could not be loaded');
  await expect(missing).toContainText('Alt 5: missing.jpg');
  await expect(timelinePart(page).getByText('Caption 5')).toBeVisible();
});

test('the jump-to index leads to an entry and follows the scroll', async ({ page }) => {
  await openWith(page, day);
  const index = page.getByRole('navigation', { name: 'Jump to' });
  await expect(index.getByText('Jump to')).toBeVisible();
  if (!(await index.getByRole('link', { name: 'Tour' }).isVisible())) {
    await index.getByText('Jump to').click(); // collapsed on phones
  }
  await index.getByRole('link', { name: 'Tour' }).click();
  await expect(page).toHaveURL(/#entry-tour$/);
  await expect(timelinePart(page).getByRole('heading', { name: 'Tour' })).toBeInViewport();
  await expect(index.getByRole('link', { name: 'Tour' })).toHaveAttribute('aria-current', 'location');
});

test('photos below the fold are requested only when scrolled near', async ({ page }) => {
  const many = {
    entries: Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`,
      title: text(`Entry ${i}`),
      text: text('Something happened.'),
      photos: [photo('landscape.jpg', 100 + i)],
    })),
  };
  const requested = new Set<string>();
  page.on('request', (request) => {
    if (request.url().includes('/fixtures/photos/')) requested.add(request.url());
  });
  await openWith(page, many);
  await expect(timelinePart(page).getByRole('article')).toHaveCount(30);
  await page.waitForTimeout(500);
  const before = requested.size;
  expect(before).toBeLessThan(8);
  await timelinePart(page).getByRole('heading', { name: 'Entry 29' }).scrollIntoViewIfNeeded();
  const last = new URL(`fixtures/photos/landscape.jpg?n=129`, page.url()).href;
  await expect.poll(() => requested.has(last)).toBe(true);
  expect(requested.size).toBeGreaterThan(before);
});

test('a photo opens the viewer; keyboard moves, traps focus, closes and returns focus', async ({ page }) => {
  await openWith(page, day);
  const opener = timelinePart(page).getByRole('button', { name: 'Alt 1: landscape.jpg' });
  await opener.click();
  const dialog = viewer(page);
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/[?&]photo=arrival-1/);
  await expect(dialog.getByText('Caption 1')).toBeVisible();
  await expect(dialog.getByText(`Photo 1 of 2 in “Arrival” · 1 of ${photoCount} today`)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByText(`Photo 2 of 2 in “Arrival” · 2 of ${photoCount} today`)).toBeVisible();
  await expect(dialog.getByRole('img', { name: 'Alt 2: portrait.jpg' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByText(`Photo 1 of 3 in “Tour” · 3 of ${photoCount} today`)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(dialog.getByText('Caption 2')).toBeVisible();

  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);
  }
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByText('Caption 3')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(/photo=/);
  await expect(opener).toBeFocused();
});

test('the back button closes the viewer without leaving the site', async ({ page }) => {
  await openWith(page, day);
  const before = page.url();
  await timelinePart(page).getByRole('button', { name: 'Alt 3: square.webp' }).click();
  await expect(viewer(page)).toBeVisible();
  await page.goBack();
  await expect(viewer(page)).toBeHidden();
  expect(page.url()).toBe(before);
  await expect(timelinePart(page).getByRole('article')).toHaveCount(3);
});

test('a shared photo link opens the viewer at that photo', async ({ page }) => {
  await openWith(page, day, '?lang=en&photo=tour-2');
  const dialog = viewer(page);
  await expect(dialog.getByText('Caption 4')).toBeVisible();
  await expect(dialog.getByText(`Photo 2 of 3 in “Tour” · 4 of ${photoCount} today`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page).not.toHaveURL(/photo=/);
  await expect(timelinePart(page)).toBeVisible();
});

test.describe('touch', () => {
  test.skip(({ hasTouch }) => !hasTouch, 'phone viewport only');

  async function touch(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    const send = (type: string, points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map(([x, y], id) => ({ x, y, id })),
      });
    return {
      async swipe(from: [number, number], to: [number, number]) {
        await send('touchStart', [from]);
        for (let step = 1; step <= 5; step++) {
          const t = step / 5;
          await send('touchMove', [[from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t]]);
        }
        await send('touchEnd', []);
      },
      async pinch(center: [number, number], from: number, to: number) {
        const at = (d: number): [number, number][] => [
          [center[0] - d / 2, center[1]],
          [center[0] + d / 2, center[1]],
        ];
        await send('touchStart', at(from));
        for (let step = 1; step <= 5; step++) await send('touchMove', at(from + ((to - from) * step) / 5));
        await send('touchEnd', []);
      },
      async tap(point: [number, number]) {
        await send('touchStart', [point]);
        await send('touchEnd', []);
      },
    };
  }

  test('swipe left and right moves between photos; swipe down closes', async ({ page }) => {
    await openWith(page, day);
    await timelinePart(page).getByRole('button', { name: 'Alt 1: landscape.jpg' }).click();
    const dialog = viewer(page);
    await expect(dialog.getByText('Caption 1')).toBeVisible();
    const fingers = await touch(page);
    await fingers.swipe([320, 300], [80, 310]);
    await expect(dialog.getByText('Caption 2')).toBeVisible();
    await fingers.swipe([80, 300], [320, 300]);
    await expect(dialog.getByText('Caption 1')).toBeVisible();
    await fingers.swipe([200, 200], [205, 450]);
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/photo=/);
  });

  test('pinch zooms the photo and double tap toggles zoom', async ({ page }) => {
    await openWith(page, day);
    await timelinePart(page).getByRole('button', { name: 'Alt 1: landscape.jpg' }).click();
    const image = viewer(page).getByRole('img', { name: 'Alt 1: landscape.jpg' });
    await expect(image).toHaveAttribute('data-scale', '1.00');
    const fingers = await touch(page);
    await fingers.pinch([200, 300], 100, 250);
    await expect(image).toHaveAttribute('data-scale', '2.50');
    await expect(image).toHaveAttribute('style', /scale\(2\.5\)/);
    await fingers.tap([200, 300]);
    await fingers.tap([200, 300]);
    await expect(image).toHaveAttribute('data-scale', '1.00');
    await fingers.tap([200, 300]);
    await fingers.tap([200, 300]);
    await expect(image).toHaveAttribute('data-scale', '2.50');
  });
});
