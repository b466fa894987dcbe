import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { serve, type Served } from './serve';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quiz, site } from './content';

// Two events in two folders of one host (`/a/` and `/b/`), as organisers
// publish their next event beside the last one: each keeps its own quiz
// progress, language and offline copy. Each is the built site; `b` has other
// content and a service worker of another version. Also: the `--no-offline`
// kill switch, and the service worker's bounded caches.

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
let root: string;
let served: Served;
let base: string;
/** A copy of the built site in `root/name`, with `edit` applied to it. */
function publish(name: string, from = dist) {
  rmSync(join(root, name), { recursive: true, force: true });
  cpSync(from, join(root, name), { recursive: true });
}

function editJson(file: string, edit: (value: any) => void) {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  edit(value);
  writeFileSync(file, JSON.stringify(value));
}

const OTHER_TITLE = { zh: '下一次活动', en: 'The next event' };

test.beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'events-'));
  publish('a');
  publish('b');
  // Event B: other content, and a service worker from another build.
  editJson(join(root, 'b/content/site.json'), (s) => (s.title = OTHER_TITLE));
  editJson(join(root, 'b/content/quiz.json'), (q) => q.questions.pop());
  const worker = join(root, 'b/sw.js');
  writeFileSync(worker, readFileSync(worker, 'utf8').replace(/const VERSION = '[^']*'/, "const VERSION = 'next-event'"));
  served = await serve(root);
  base = served.url;
});

test.afterEach(async () => {
  await served.close();
  rmSync(root, { recursive: true, force: true });
});

function quizPart(page: Page) {
  return page.getByRole('region', { name: /^(Quiz|知识竞答)$/ });
}

async function appReady(page: Page, title: string) {
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/** Opens `url` and waits until its service worker controls the page. */
async function openWithWorker(page: Page, url: string, title: string) {
  await page.goto(url);
  await appReady(page, title);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test.describe('two events on one host', () => {
  test.use({ locale: 'zh-CN' });

  test('each keeps its own quiz progress and language', async ({ page }) => {
    // On A: English, and the quiz started and answered up to question 2.
    await page.goto(`${base}/a/?lang=en`);
    await appReady(page, site.title.en);
    await quizPart(page).getByRole('button', { name: 'Start the quiz' }).click();
    await quizPart(page).getByRole('group').first().locator('input').first().check();
    await quizPart(page).getByRole('button', { name: 'Submit answer' }).click();
    await quizPart(page).getByRole('button', { name: 'Next question' }).click();
    await expect(quizPart(page).getByText(`Question 2 of ${quiz.questions.length}`)).toBeVisible();

    // B is a different event: still in the browser's language, its quiz fresh.
    await page.goto(`${base}/b/`);
    await appReady(page, OTHER_TITLE.zh);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(quizPart(page).getByRole('button', { name: '开始答题' })).toBeVisible();
    await expect(quizPart(page).getByText('竞答题目已更新')).toHaveCount(0);

    // Back on A: English, and the quiz where it was left.
    await page.goto(`${base}/a/`);
    await appReady(page, site.title.en);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(quizPart(page).getByText('Welcome back: you are where you left off.')).toBeVisible();
    await expect(quizPart(page).getByText(`Question 2 of ${quiz.questions.length}`)).toBeVisible();
  });

  test.describe('offline', () => {
    test.use({ serviceWorkers: 'allow' });
    test.describe.configure({ timeout: 90_000 });

    test('each keeps its own offline copy', async ({ page, context }) => {
      await openWithWorker(page, `${base}/a/?lang=zh`, site.title.zh);
      await openWithWorker(page, `${base}/b/?lang=zh`, OTHER_TITLE.zh);
      await context.setOffline(true);
      await page.goto(`${base}/a/?lang=zh`);
      await appReady(page, site.title.zh);
      await expect(quizPart(page).getByRole('button', { name: '开始答题' })).toBeVisible();
      await page.goto(`${base}/b/?lang=zh`);
      await appReady(page, OTHER_TITLE.zh);
      await context.setOffline(false);
    });

    test('a page is kept once whatever its query, and photos up to a bound', async ({ page }) => {
      for (let i = 0; i < 4; i++) await openWithWorker(page, `${base}/a/?lang=zh&utm_source=x${i}`, site.title.zh);
      const scope = `${base}/a/`;
      const pages = await page.evaluate(async (scope) => {
        const names = (await caches.keys()).filter((name) => name.startsWith(`${scope} `));
        const urls: string[] = [];
        for (const name of names) {
          if (name.includes('shell')) continue;
          for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        }
        return urls.filter((url) => new URL(url).pathname === '/a/' || new URL(url).pathname === '/a/index.html');
      }, scope);
      expect(pages).toEqual([scope]);

      // 230 photos seen: the worker keeps the latest 200.
      for (let i = 0; i < 230; i++) writeFileSync(join(root, `a/content/photos/seen-${i}.svg`), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      await page.evaluate(async (scope) => {
        const urls = Array.from({ length: 230 }, (_, i) => `${scope}content/photos/seen-${i}.svg`);
        for (let i = 0; i < urls.length; i += 50) {
          navigator.serviceWorker.controller!.postMessage(urls.slice(i, i + 50));
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }, scope);
      const kept = () =>
        page.evaluate(async (scope) => {
          let n = 0;
          for (const name of await caches.keys()) {
            if (!name.startsWith(`${scope} `) || name.includes('shell')) continue;
            n += (await (await caches.open(name)).keys()).filter((r) => r.url.includes('/seen-')).length;
          }
          return n;
        }, scope);
      // All 230 are fetched and stored; the oldest are trimmed after each batch.
      await expect.poll(kept, { timeout: 30_000 }).toBe(200);
      await page.waitForTimeout(1000);
      expect(await kept()).toBe(200);
    });

    test('built with --no-offline, the site removes its worker and caches, and visitors get the fresh site', async ({ page }) => {
      const noOffline = process.env.E2E_NO_OFFLINE_DIST;
      test.skip(!noOffline, 'cargo xtask test builds the --no-offline site (E2E_NO_OFFLINE_DIST)');
      await openWithWorker(page, `${base}/a/?lang=zh`, site.title.zh);
      await openWithWorker(page, `${base}/b/?lang=zh`, OTHER_TITLE.zh);
      // The organisers publish A again, built with --no-offline, and new words.
      publish('a', noOffline);
      editJson(join(root, 'a/content/site.json'), (s) => (s.title = { zh: '新的标题', en: 'A fresh title' }));
      await page.goto(`${base}/a/?lang=zh`);
      // The fresh page removes the worker and reloads (sw.js, the kill
      // switch, does the same for a page the old worker served from its
      // cache). An evaluation cut short by that reload counts as still
      // controlled.
      const controlled = async () => {
        try {
          if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) return false;
          await page.reload();
          return await page.evaluate(() => !!navigator.serviceWorker.controller);
        } catch {
          return true;
        }
      };
      await expect.poll(controlled, { timeout: 60_000, intervals: [1000, 2000, 5000] }).toBe(false);
      await appReady(page, '新的标题');
      // A's worker and caches are gone; B's are still there.
      const registrations = await page.evaluate(async () =>
        (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
      );
      expect(registrations).toEqual([`${base}/b/`]);
      const cachesOf = (scope: string) =>
        page.evaluate(async (prefix) => (await caches.keys()).filter((name) => name.startsWith(prefix)), `${scope} `);
      await expect.poll(() => cachesOf(`${base}/a/`)).toEqual([]);
      expect((await cachesOf(`${base}/b/`)).length).toBeGreaterThan(0);
    });
  });
});
