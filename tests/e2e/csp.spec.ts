import { expect, test } from '@playwright/test';

test('the built page carries a strict Content-Security-Policy', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  const scripts = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  // Only the page's own inline script (language, app and service-worker
  // start), by its hash.
  expect(scripts).toMatch(/^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'$/);
  const inline = [...html.matchAll(/<script(?![^>]*(?:src=|application\/ld\+json))[^>]*>/g)];
  expect(inline).toHaveLength(1);
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'self'");
  expect(html).not.toMatch(/ on[a-z]+=/); // no inline event handlers
});

test('the studio carries its own strict policy', async ({ request }) => {
  const html = await (await request.get('./studio/')).text();
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'; /);
  expect(policy).toContain("object-src 'none'");
  expect(html).toContain('<meta name="robots" content="noindex" />');
});

test('using the whole site triggers no Content-Security-Policy violation', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto('./studio/?lang=en');
  await expect(page.getByText(/0 error\(s\)/)).toBeVisible();
  await page.goto('./?lang=en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  const quiz = page.getByRole('region', { name: 'Quiz' });
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await quiz.getByRole('radio').first().check();
  await quiz.getByRole('button', { name: 'Submit answer' }).click();
  await page.getByRole('button', { name: /Illustration: silhouettes/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  const violations: string[] = await page.evaluate(() => (window as any).__violations);
  expect(violations).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});
