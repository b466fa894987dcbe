import { expect, test, type Page } from '@playwright/test';
import { lineColumn, quiz, raw, site, story, timeline, type Lang } from './content';

/** Opens the site in a language and waits for the content to arrive. */
async function open(page: Page, lang: Lang) {
  await page.goto(`./?lang=${lang}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title[lang]);
}

function part(page: Page, name: RegExp | string) {
  return page.getByRole('region', { name });
}

test('the hero shows the title and every organiser', async ({ page }) => {
  await open(page, 'zh');
  await expect(page).toHaveTitle(site.title.zh);
  for (const organiser of site.organisers) {
    await expect(page.getByText(organiser.name.zh, { exact: true })).toBeVisible();
  }
});

test("the story's headings are visible", async ({ page }) => {
  await open(page, 'zh');
  const storyPart = part(page, '活动纪实');
  for (const section of story.sections) {
    await expect(storyPart.getByRole('heading', { name: section.heading.zh, level: 3 })).toBeVisible();
  }
});

test('the timeline shows exactly as many entries as timeline.json has', async ({ page }) => {
  await open(page, 'en');
  const day = part(page, 'The day');
  const entries = day.getByRole('list').first().getByRole('listitem');
  await expect(entries).toHaveCount(timeline.entries.length);
  for (const [i, entry] of timeline.entries.entries()) {
    await expect(entries.nth(i).getByRole('heading', { level: 3 })).toHaveText(entry.title.en);
  }
  // Every photo reserves its space before it loads.
  const photos = day.getByRole('img');
  await expect(photos.first()).toHaveAttribute('width', /\d+/);
  await expect(photos.first()).toHaveAttribute('loading', 'lazy');
});

test('the language switch changes the text and the lang attribute', async ({ page }) => {
  await open(page, 'zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.en);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(part(page, 'The story').getByRole('heading', { name: story.sections[0].heading.en })).toBeVisible();
  // The choice is remembered on the next visit.
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.en);
  await page.getByRole('button', { name: /中文/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title.zh);
});

test('a broken quiz.json shows the precise error while the story and timeline still work', async ({ page }) => {
  // The real file with one mistake: question 4's answer points past its options.
  const broken = JSON.parse(raw('quiz.json'));
  broken.questions[3].answer = 9;
  const body = JSON.stringify(broken, null, 2);
  const at = lineColumn(body, body.indexOf('"answer": 9') + '"answer": '.length);
  await page.route('**/content/quiz.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await open(page, 'en');
  const alert = part(page, 'Quiz').getByRole('alert');
  await expect(alert).toContainText(
    `quiz.json at questions[3].answer (line ${at.line}, column ${at.column}): answer 9 does not exist`,
  );
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(part(page, 'The day').getByRole('list').first().getByRole('listitem')).toHaveCount(
    timeline.entries.length,
  );
  await expect(part(page, 'The story').getByRole('heading', { name: story.sections[0].heading.en })).toBeVisible();
});

test('a missing quiz.json can be retried once the file is back', async ({ page }) => {
  let fail = true;
  await page.route('**/content/quiz.json', (route) =>
    fail ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
  );
  await open(page, 'en');
  const quizPart = part(page, 'Quiz');
  await expect(quizPart.getByRole('alert')).toContainText('quiz.json could not be loaded: the server answered 404');
  fail = false;
  await quizPart.getByRole('button', { name: 'Try again' }).click();
  await expect(quizPart.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  await expect(quizPart.getByText(`${quiz.questions.length} questions`)).toBeVisible();
});

test('screenshots of the first screen and the whole page', async ({ page }, testInfo) => {
  await open(page, 'zh');
  await expect(part(page, '活动日程').getByRole('listitem')).toHaveCount(timeline.entries.length);
  // The app's page, not the build's (which the takeover replaces, photos and all).
  await expect(page.locator('#prerender')).toHaveCount(0);
  // Let the lazy photos load so the picture shows the real page.
  for (const img of await page.locator('img').all()) {
    await img.scrollIntoViewIfNeeded();
    await expect(img).toHaveJSProperty('complete', true);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  const name = testInfo.project.name;
  for (const [file, fullPage] of [[`${name}.png`, false], [`${name}-full.png`, true]] as const) {
    const path = testInfo.outputPath(file);
    await page.screenshot({ path, fullPage });
    await testInfo.attach(file, { path, contentType: 'image/png' });
  }
});

test('a link to a part of the page opens at that part', async ({ page }) => {
  await page.goto('./?lang=en#quiz');
  const heading = page.getByRole('heading', { name: 'Quiz', level: 2 });
  await expect(part(page, 'Quiz').getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  await expect(heading).toBeInViewport();
});
