import { expect, test, type Page } from '@playwright/test';
import { raw, timeline } from './content';

// Content is text, never HTML: hostile strings render inert and readable.
const hostile = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '</style><b>bold?</b>',
  '\u202Eevil\u202C right-to-left override',
  'zero\u200Bwidth\u200Djoiners',
  'W'.repeat(10_000),
].join(' ');

async function noScriptRan(page: Page) {
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
}

test('hostile strings in every file render as inert text and never widen the page', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const site = JSON.parse(raw('site.json'));
  site.title.en = `Title ${hostile}`;
  const story = JSON.parse(raw('story.json'));
  story.sections[0].heading.en = `<script>alert("story")</script>`;
  story.sections[0].paragraphs[0].en = hostile;
  const day = JSON.parse(raw('timeline.json'));
  day.entries[0].title.en = '<img src=x onerror=alert("timeline")>';
  day.entries[0].photos[0].caption.en = hostile;
  const quiz = JSON.parse(raw('quiz.json'));
  quiz.questions[0].prompt.en = '<b onmouseover=alert(1)>bold</b>';
  for (const [file, body] of [['site', site], ['story', story], ['timeline', day], ['quiz', quiz]] as const) {
    await page.route(`**/content/${file}.json`, (route) => route.fulfill({ json: body }));
  }
  await page.goto('./?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Title <script>window.__pwned = 1</script>');
  await expect(page.getByRole('heading', { name: '<script>alert("story")</script>' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '<img src=x onerror=alert("timeline")>' })).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByText('<b onmouseover=alert(1)>bold</b>')).toBeVisible();
  await page.waitForTimeout(300);
  await noScriptRan(page);
  expect(dialogs).toEqual([]);
  expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a javascript: photo address is refused by validation, with its place', async ({ page }) => {
  const day = JSON.parse(raw('timeline.json'));
  day.entries[1].photos[0].src = 'javascript:window.__pwned=3';
  await page.route('**/content/timeline.json', (route) => route.fulfill({ json: day }));
  await page.goto('./?lang=en');
  const part = page.getByRole('region', { name: 'The day' });
  await expect(part.getByRole('alert')).toContainText('timeline.json at entries[1].photos[0].src');
  await expect(part.getByRole('alert')).toContainText('is not allowed');
  await noScriptRan(page);
});

// Each way quiz.json can arrive broken: the quiz part says what is wrong,
// and the story and timeline carry on.
const faults: { name: string; reply: Parameters<import('@playwright/test').Route['fulfill']>[0]; says: RegExp }[] = [
  { name: 'missing (404)', reply: { status: 404, body: 'nope' }, says: /quiz\.json could not be loaded: the server answered 404/ },
  { name: 'server error (500)', reply: { status: 500, body: 'oops' }, says: /the server answered 500/ },
  { name: 'empty', reply: { status: 200, body: '' }, says: /quiz\.json \(line 1, column 1\): the file is empty/ },
  { name: 'not JSON', reply: { status: 200, body: 'title: quiz' }, says: /quiz\.json \(line 1, column 2\): a value is missing or misspelt here/ },
  {
    name: 'a web page instead (text/html)',
    reply: { status: 200, contentType: 'text/html', body: '<!doctype html><title>Not found</title>' },
    says: /the server sent a web page \(HTML\) instead of quiz\.json/,
  },
  {
    name: 'wrong types',
    reply: { status: 200, json: { title: 5, intro: { zh: '甲', en: 'A' }, questions: [] } },
    says: /quiz\.json at title \(line 1, column 10\): this should be a text: \{"zh": "…", "en": "…"\} or a plain string, but it is the number 5/,
  },
  {
    name: 'unknown fields',
    reply: { status: 200, body: raw('quiz.json').replace('"intro"', '"intor": 1, "intro"') },
    says: /quiz\.json at intor .*unknown field `intor`/,
  },
];

for (const fault of faults) {
  test(`quiz.json ${fault.name}: a clear message, and the rest of the page works`, async ({ page }) => {
    await page.route('**/content/quiz.json', (route) => route.fulfill(fault.reply));
    await page.goto('./?lang=en');
    const alert = page.getByRole('region', { name: 'Quiz' }).getByRole('alert');
    await expect(alert).toContainText(fault.says);
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'The day' }).getByRole('article')).toHaveCount(timeline.entries.length);
  });
}

test('quiz.json with a byte-order mark is accepted', async ({ page }) => {
  await page.route('**/content/quiz.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '\uFEFF' + raw('quiz.json') }),
  );
  await page.goto('./?lang=en');
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
});

test('a quiz.json of 10 MB is checked without freezing the page', async ({ page }) => {
  const big = JSON.parse(raw('quiz.json'));
  big.intro.en = 'x'.repeat(10 * 1024 * 1024);
  await page.route('**/content/quiz.json', (route) => route.fulfill({ json: big }));
  await page.goto('./?lang=en');
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'The day' }).getByRole('article')).toHaveCount(timeline.entries.length);
});

/** Starts the quiz and answers its first question. */
async function answerFirstQuestion(page: Page) {
  await page.goto('./?lang=en');
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await quiz.getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Submit answer' }).click();
  await expect(quiz.getByText(/Correct!|Not quite\./)).toBeVisible();
}

test('without localStorage the quiz still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new Error('disabled'); } });
  });
  await answerFirstQuestion(page);
});

test('a full localStorage does not break the quiz', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await answerFirstQuestion(page);
});

test('a slow quiz.json (10 s) shows a skeleton, then the quiz; the rest does not wait', async ({ page }) => {
  test.setTimeout(45_000);
  await page.route('**/content/quiz.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await route.fulfill({ body: raw('quiz.json'), contentType: 'application/json' });
  });
  await page.goto('./?lang=en');
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await expect(page.getByRole('region', { name: 'The day' }).getByRole('article')).toHaveCount(timeline.entries.length);
  await expect(quiz.getByRole('status')).toContainText('Loading');
  await expect(quiz.getByRole('button', { name: 'Start the quiz' })).toBeVisible({ timeout: 20_000 });
});

test('a corrupt photo shows its placeholder; a slow one keeps its space', async ({ page }) => {
  await page.route('**/content/photos/training.svg', (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg broken' }),
  );
  await page.route('**/content/photos/exchanges.svg', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue();
  });
  await page.goto('./?lang=en#timeline');
  // The placeholder is the app's (the build's copy has no script).
  await expect(page.locator('#prerender')).toHaveCount(0);
  const day = page.getByRole('region', { name: 'The day' });
  const broken = day.getByRole('img', { name: /Illustration: an audience seated/ });
  await day.getByText('Training and sharing (illustration').scrollIntoViewIfNeeded();
  await expect(broken).toContainText('Photo could not be loaded');
  const slow = day.getByRole('img', { name: /Illustration: three groups/ });
  await slow.scrollIntoViewIfNeeded();
  const box = await slow.boundingBox();
  expect(box!.height).toBeGreaterThan(100); // space reserved from width and height
});

test('the network dropping mid-quiz loses nothing', async ({ page, context }) => {
  await page.goto('./?lang=en');
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await context.setOffline(true);
  await quiz.getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Submit answer' }).click();
  await quiz.getByRole('button', { name: 'Next question' }).click();
  await expect(quiz.getByText(/Question 2 of/)).toBeVisible();
  await context.setOffline(false);
  await page.reload();
  await expect(quiz.getByText(/Question 2 of/)).toBeVisible();
});

// The same faults hit each of the four files: each part reports its own.
const parts: Record<string, string> = {
  'site.json': 'main', // the hero sits above the parts
  'story.json': 'The story',
  'timeline.json': 'The day',
  'quiz.json': 'Quiz',
};
for (const file of Object.keys(parts)) {
  for (const [fault, reply, says] of [
    ['missing', { status: 404, body: 'nope' }, `${file} could not be loaded: the server answered 404`],
    ['not JSON', { status: 200, body: '{"title": ' }, `${file} (line 1, column 10): the file ends too early`],
  ] as const) {
    test(`${file} ${fault}: its part says so, the others work`, async ({ page }) => {
      await page.route(`**/content/${file}`, (route) => route.fulfill(reply));
      await page.goto('./?lang=en');
      await expect(page.getByRole('alert')).toContainText(says);
      await expect(page.getByRole('alert')).toHaveCount(1);
      for (const [other, name] of Object.entries(parts)) {
        if (other === file || other === 'site.json') continue;
        const region = page.getByRole('region', { name });
        await expect(region.getByRole('alert')).toHaveCount(0);
        await expect(region.getByRole('heading').first()).toBeVisible();
      }
    });
  }
}

test('a stalled quiz.json gives up after 20 s with a message and a retry', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'one viewport is enough for a 20 s wait');
  test.setTimeout(60_000);
  let stall = true;
  await page.route('**/content/quiz.json', async (route) => {
    if (stall) return; // never answered
    await route.continue();
  });
  await page.goto('./?lang=en');
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await expect(quiz.getByRole('alert')).toContainText('quiz.json could not be downloaded (it took longer than 20 seconds)', {
    timeout: 30_000,
  });
  stall = false;
  await quiz.getByRole('button', { name: 'Try again' }).click();
  await expect(quiz.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
});

test('with reduced motion asked for, nothing animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./?lang=en&photo=oath-1');
  await expect(page.getByRole('dialog')).toBeVisible();
  const styles = await page.evaluate(() => ({
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    viewer: getComputedStyle(document.querySelector('.viewer__img')!).transitionDuration,
  }));
  expect(styles.scroll).toBe('auto');
  expect(styles.viewer).toBe('0s');
});
