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
