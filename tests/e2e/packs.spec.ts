import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type Served } from './serve';

// The visitor's view with two content packs: the shipped event, and a second
// one unlike it in every way an organiser's next event may be (times of day,
// five organisers, long titles, entries without text or photos, portrait and
// panorama photos without captions or alt, every question kind with plain
// strings and written types). `cargo xtask test` builds the second with
// `cargo xtask build --content tests/e2e/fixtures/next-event/content`.

const packs = [
  { name: 'shipped event', dir: fileURLToPath(new URL('../../dist/', import.meta.url)) },
  { name: 'next event', dir: process.env.E2E_NEXT_EVENT_DIST || '' },
];

type Text = { zh: string; en: string } | string;
const en = (text: Text) => (typeof text === 'string' ? text : text.en);

for (const pack of packs) {
  test.describe(pack.name, () => {
    let served: Served;
    const content = (file: string) => JSON.parse(readFileSync(join(pack.dir, 'content', file), 'utf8'));

    test.beforeAll(async () => {
      test.skip(!pack.dir, 'cargo xtask test builds the second pack (E2E_NEXT_EVENT_DIST)');
      served = await serve(pack.dir);
    });
    test.afterAll(async () => served && (await served.close()));

    async function open(page: Page) {
      await page.goto(`${served.url}/?lang=en`);
      await expect(page.locator('#prerender')).toHaveCount(0);
      const entries = content('timeline.json').entries;
      await expect(page.getByRole('region', { name: 'The day' }).getByRole('article')).toHaveCount(entries.length);
      return entries;
    }

    for (const width of [320, 1280]) {
      test(`at ${width} px every time marker is one line inside its box, nothing is wider than the screen, no photo taller`, async ({ page }) => {
        await page.setViewportSize({ width, height: width < 600 ? 640 : 800 });
        const entries = await open(page);
        const markers = await page.locator('.tl-entry__time, .tl-entry__step').evaluateAll((els) =>
          els.map((el) => {
            const box = el.getBoundingClientRect();
            const column = el.parentElement!.getBoundingClientRect();
            // The lines of its visible text (a step's "Step" is for screen readers).
            const tops = new Set<number>();
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (node.parentElement!.closest('.visually-hidden')) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
            }
            return {
              text: el.textContent,
              lines: tops.size,
              inside: box.left >= column.left - 0.5 && box.right <= column.right + 0.5,
              overflows: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
            };
          }),
        );
        expect(markers).toHaveLength(entries.length);
        for (const marker of markers) {
          expect(marker, `time marker ${marker.text}`).toEqual({ text: marker.text, lines: 1, inside: true, overflows: false });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        const photos = page.locator('.tl-entry .photo__img');
        for (let i = 0; i < (await photos.count()); i++) {
          const photo = photos.nth(i);
          await photo.scrollIntoViewIfNeeded();
          const box = (await photo.boundingBox())!;
          expect(box.height, `photo ${i}`).toBeLessThanOrEqual(page.viewportSize()!.height);
          expect(box.width, `photo ${i}`).toBeGreaterThan(0);
        }
      });
    }

    test('entries without text or photos show neither, and no stray dash; videos and recordings show with their titles', async ({ page }) => {
      const entries = await open(page);
      const articles = page.getByRole('region', { name: 'The day' }).getByRole('article');
      for (const [i, entry] of entries.entries()) {
        const article = articles.nth(i);
        await expect(article.getByRole('heading', { name: en(entry.title) })).toBeVisible();
        await expect(article.locator('.tl-entry__text')).toHaveCount(entry.text ? 1 : 0);
        await expect(article.locator('.photo')).toHaveCount((entry.photos || []).length);
        // A photo's caption shows if it has one; a video's or recording's title always does.
        await expect(article.locator('figcaption')).toHaveCount(
          (entry.photos || []).filter((p: any) => p.caption || p.credit).length +
            (entry.videos || []).length +
            (entry.audio || []).length,
        );
        await expect(article.locator('video')).toHaveCount((entry.videos || []).length);
        await expect(article.locator('audio')).toHaveCount((entry.audio || []).length);
      }
    });

    test('every photo has a name for screen readers, and the viewer opens on it', async ({ page }) => {
      const entries = await open(page);
      const withPhoto = entries.find((e: any) => e.photos?.length);
      const button = page.locator(`#entry-${withPhoto.id} .photo__open`).first();
      await expect(page.locator('.tl-entry .photo__img[alt=""]')).toHaveCount(0);
      await button.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText(en(withPhoto.title), { exact: false }).first()).toBeVisible();
      const info = await dialog.locator('.viewer__info').innerText();
      const caption = withPhoto.photos[0].caption;
      if (caption) expect(info.split(en(caption)).length - 1).toBe(1);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });

    test('the quiz can be taken to a result', async ({ page }) => {
      await open(page);
      const questions = content('quiz.json').questions;
      const part = page.getByRole('region', { name: 'Quiz' });
      await part.getByRole('button', { name: 'Start the quiz' }).click();
      for (let i = 0; i < questions.length; i++) {
        await expect(part.getByText(`Question ${i + 1} of ${questions.length}`)).toBeVisible();
        await part.getByRole('group').first().locator('input').first().check();
        await part.getByRole('button', { name: 'Submit answer' }).click();
        await part.getByRole('button', { name: i + 1 < questions.length ? 'Next question' : 'See your score' }).click();
      }
      await expect(part.getByText(new RegExp(`of ${questions.length} correct`))).toBeVisible();
    });

    test('the footer names the organisers and the date; the home-screen name is a whole phrase', async ({ page, request }) => {
      await open(page);
      const site = content('site.json');
      const footer = page.getByRole('contentinfo');
      if (site.footer) {
        await expect(footer).toHaveText(en(site.footer));
      } else {
        // Without a written date, the one start_date gives: "18 September".
        const date = site.date
          ? en(site.date)
          : new Date(site.start_date).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
        await expect(footer).toContainText(date);
        await expect(page.locator('.hero__date')).toHaveText(date);
        for (const organiser of site.organisers) await expect(footer).toContainText(en(organiser.name));
      }
      await expect(footer).not.toContainText('JSON');
      const manifest = await (await request.get(`${served.url}/manifest.webmanifest`)).json();
      const title: string = typeof site.title === 'string' ? site.title : site.title.zh;
      const short: string = site.short_title ?? manifest.short_name;
      expect(manifest.short_name).toBe(short);
      if (!site.short_title) {
        expect(title.startsWith(short)).toBe(true);
        // The next character, if any, ends a phrase: never a cut in the middle.
        const next = title.slice(short.length, short.length + 1);
        expect(next === '' || /[\s·:：，,、;；|｜—暨]/.test(next), `"${short}" then "${next}"`).toBe(true);
      }
    });

    test('axe finds no WCAG 2.2 AA violation', async ({ page }) => {
      await open(page);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    });
  });
}
