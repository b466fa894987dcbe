import { expect, test } from '@playwright/test';
import { lineColumn, publishedSiteJson, raw } from './content';

test('the studio\'s check lists every problem of a broken content folder, in both languages', async ({ page }) => {
  const quiz = JSON.parse(raw('quiz.json'));
  quiz.questions[3].answer = 9;
  const quizBody = JSON.stringify(quiz, null, 2);
  const answerAt = lineColumn(quizBody, quizBody.indexOf('"answer": 9') + '"answer": '.length);
  const timeline = JSON.parse(raw('timeline.json'));
  timeline.entries[2].photos[0].src = 'content/photos/renamed.jpg';
  const timelineBody = JSON.stringify(timeline, null, 2);
  await page.route('**/content/quiz.json', (route) => route.fulfill({ body: quizBody, contentType: 'application/json' }));
  await page.route('**/content/timeline.json', (route) => route.fulfill({ body: timelineBody, contentType: 'application/json' }));
  await page.route('**/content/story.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.route('**/content/site.json', (route) => route.fulfill({ body: publishedSiteJson(), contentType: 'application/json' }));

  await page.goto('./studio/?lang=en');
  const panel = page.getByRole('region', { name: 'Content check' });
  await expect(panel.getByText('3 error(s), 3 warning(s)')).toBeVisible();
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(6);
  await expect(items.nth(0)).toContainText(`quiz.json at questions[3].answer (line ${answerAt.line}, column ${answerAt.column})`);
  await expect(items.nth(0)).toContainText('answer 9 does not exist');
  await expect(items.nth(0)).toContainText('答案 9 不存在');
  await expect(items.nth(1)).toContainText('story.json');
  await expect(items.nth(1)).toContainText('the server answered 404');
  await expect(items.nth(2)).toContainText('timeline.json at entries[2].photos[0].src');
  await expect(items.nth(2)).toContainText('the photo "content/photos/renamed.jpg" does not exist');
  // The three files replaced on the host are newer than the built page.
  for (const [i, file] of ['quiz.json', 'site.json', 'timeline.json'].entries()) {
    await expect(items.nth(3 + i)).toContainText(`${file} has changed since the site was built`);
    await expect(items.nth(3 + i)).toContainText('cargo xtask build');
  }
});

test('the studio\'s check on good content replaced on the host asks only for a rebuild', async ({ page }) => {
  await page.route('**/content/site.json', (route) => route.fulfill({ body: publishedSiteJson(), contentType: 'application/json' }));
  await page.goto('./studio/?lang=zh');
  const panel = page.getByRole('region', { name: '内容检查' });
  await expect(panel.getByText('0 error(s), 1 warning(s) in 4 files and 6 photos')).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('listitem')).toContainText('site.json 在生成网站之后被修改过');
  await expect(panel.getByRole('listitem')).toContainText('链接预览');
});

test('the studio\'s check on the shipped content asks for the site\'s real address', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const panel = page.getByRole('region', { name: 'Content check' });
  await expect(panel.getByText('0 error(s), 1 warning(s) in 4 files and 6 photos')).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('listitem')).toContainText('site.json at url');
  await expect(panel.getByRole('listitem')).toContainText('is an example address');
});

test('?check on the event page leads to the studio, whose own page is the only one that loads its code', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  await page.goto('./?lang=en&check');
  const note = page.getByRole('complementary', { name: 'Content check' });
  await expect(note).toContainText('The content check is now in the organisers\' studio.');
  await expect(page.locator('#prerender')).toHaveCount(0);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).not.toContain('/studio/');
  await note.getByRole('link', { name: 'Open the organisers\' studio' }).click();
  await expect(page).toHaveURL(/\/studio\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Organisers\' studio' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Content check' }).getByText(/\d+ error\(s\), \d+ warning\(s\)/)).toBeVisible();
  expect(wasm).toHaveLength(2);
  expect(wasm[1]).toMatch(/\/studio\/studio-[0-9a-f]+_bg\.wasm$/);
  // The studio speaks both languages and leads back to the event.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '组织者工作室' })).toBeVisible();
  await page.getByRole('link', { name: '返回活动页面' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('组织者工作室');
  await expect(page.locator('#prerender')).toHaveCount(0);
  expect(new URL(page.url()).pathname).not.toContain('studio');
});

test('content files are fetched with cache mode no-cache, so replaced files show on the next visit', async ({ page }) => {
  // The browser then always asks the host whether a file changed (ETag or
  // date) instead of reusing a copy it thinks is fresh. Recorded from the
  // page's own fetch calls: the test server itself sends no-store.
  await page.addInitScript(() => {
    const seen: string[] = ((window as any).__contentFetches = []);
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (/\/content\/\w+\.json$/.test(request.url)) seen.push(`${request.url.split('/').pop()} ${request.cache}`);
      return original(input, init);
    };
  });
  await page.goto('./?lang=en');
  // Taken over by the app, which has read every file.
  await expect(page.locator('#prerender')).toHaveCount(0);
  const seen: string[] = await page.evaluate(() => (window as any).__contentFetches);
  expect(seen.sort()).toEqual(['quiz.json no-cache', 'site.json no-cache', 'story.json no-cache', 'timeline.json no-cache']);
});
