import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// axe-core (WCAG 2.2 A and AA rules) on each view and state, in both languages.
async function audit(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

for (const lang of ['zh', 'en'] as const) {
  test(`the page has no axe violations (${lang})`, async ({ page }) => {
    await page.goto(`./?lang=${lang}`);
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(page.locator('.quiz button').first()).toBeVisible();
    await audit(page);
  });
}

test('the organisers\' studio, with problems listed, has no axe violations', async ({ page }) => {
  await page.route('**/content/quiz.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./studio/?lang=en');
  await expect(page.getByRole('region', { name: 'Content check' }).getByRole('listitem').first()).toBeVisible();
  await audit(page);
});

test('the studio\'s form, with a problem beside its field, has no axe violations', async ({ page }) => {
  // axe reads every field of the whole workbook (some hundreds of labelled
  // inputs): on a loaded two-core machine that alone can take most of 30 s.
  test.slow();
  await page.goto('./studio/?lang=en');
  const form = page.getByRole('region', { name: 'Edit here' });
  await form.getByRole('button', { name: 'Edit the site\'s content here' }).click();
  const time = form.getByRole('region', { name: '日程 Agenda' }).getByRole('group', { name: 'Row 2', exact: true }).getByLabel(/^时间/);
  await time.fill('9:30');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await audit(page);
});

test('the quiz question, feedback and result have no axe violations', async ({ page }) => {
  await page.goto('./?lang=en');
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await audit(page);
  await quiz.getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Submit answer' }).click();
  await audit(page);
});

test('the photo viewer has no axe violations', async ({ page }) => {
  await page.goto('./?lang=en&photo=oath-1');
  await expect(page.getByRole('dialog')).toBeVisible();
  await audit(page);
});

test('an error state has no axe violations', async ({ page }) => {
  await page.route('**/content/quiz.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
  await page.goto('./?lang=en');
  await expect(page.getByRole('alert')).toBeVisible();
  await audit(page);
});

test('the quiz result screen has no axe violations', async ({ page }) => {
  await page.goto('./?lang=zh');
  const quiz = page.getByRole('region', { name: '知识竞答' });
  await quiz.getByRole('button', { name: '开始答题' }).click();
  for (let i = 0; i < 30; i++) {
    const action = quiz.getByRole('button', { name: /提交答案|下一题|查看成绩/ });
    const label = await action.innerText();
    if (label.includes('提交')) {
      const choice = quiz.getByRole('radio').or(quiz.getByRole('checkbox')).first();
      await choice.check();
    }
    await action.click();
    if (label.includes('查看成绩')) break;
  }
  await expect(quiz.getByRole('heading', { name: '你的成绩' })).toBeVisible();
  await audit(page);
});

for (const [name, width, height, scale] of [
  ['320 px wide', 320, 640, 1],
  ['200% zoom on a 1280 px screen', 640, 400, 2],
] as const) {
  test(`no horizontal scrolling at ${name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    const page = await context.newPage();
    await page.goto('./?lang=en');
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
}

test('works in a WeChat-like in-app browser at 360x640', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    hasTouch: true,
    isMobile: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; V2055A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64',
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('region', { name: '活动日程' }).getByRole('article').first()).toBeVisible();
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.getByText(/第 1 题/)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test('keyboard alone reaches every part: skip link, sections, language, photos, quiz', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  const reached = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? ''} ${(el.innerText || (el.querySelector('img')?.alt ?? '')).slice(0, 40)}` : '';
    });
    reached.add(label);
  }
  const all = [...reached].join('\n');
  expect(all).toMatch(/BUTTON .*Illustration/); // a photo
  expect(all).toMatch(/BUTTON .*Start the quiz/);
  expect(all).toMatch(/SUMMARY .*Jump to|A .*The oath of joining/); // the jump-to index
  // Focus is always visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});
