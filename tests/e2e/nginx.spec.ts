import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// dist/ behind the nginx server block that `cargo xtask nginx` prints.
test('the page comes with security headers and is revalidated', async ({ request }) => {
  const page = await request.get('./');
  const headers = page.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['cache-control']).toBe('no-cache');
  expect(headers['content-type']).toContain('text/html');
});

test('hashed wasm, JS and CSS are compressed, typed and cached for a year', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const files = [...html.matchAll(/\.\/([\w-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:wasm|js|css))/g)].map((m) => m[1]);
  const kinds = new Set(files.map((f) => f.split('.').pop()));
  expect([...kinds].sort()).toEqual(['css', 'js', 'wasm']);
  const types: Record<string, string> = { wasm: 'application/wasm', js: 'application/javascript', css: 'text/css' };
  for (const file of new Set(files)) {
    const response = await request.get(`./${file}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status(), file).toBe(200);
    const headers = response.headers();
    expect(headers['content-type'], file).toContain(types[file.split('.').pop()!]);
    expect(headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
    expect(headers['content-encoding'], file).toBe('gzip');
    expect(headers['x-content-type-options'], file).toBe('nosniff');
  }
});

test('content files are JSON and revalidated on every visit', async ({ request }) => {
  const response = await request.get('./content/quiz.json');
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['cache-control']).toBe('no-cache');
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
});

test('the site works behind nginx, with the CSP header enforced', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(e.violatedDirective));
  });
  await page.goto('./?lang=en');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByText(/Question 1 of/)).toBeVisible();
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
});

test('the studio works behind nginx too, under the one policy header', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(e.violatedDirective));
  });
  const response = await page.goto('./studio/?lang=en');
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  await expect(page.getByRole('region', { name: 'Content check' }).getByText(/\d+ error\(s\)/)).toBeVisible();
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
});

test('the manifest and the service worker are typed and revalidated', async ({ request }) => {
  const manifest = await request.get('./manifest.webmanifest');
  expect(manifest.headers()['content-type']).toContain('application/manifest+json');
  expect(manifest.headers()['cache-control']).toBe('no-cache');
  const worker = await request.get('./sw.js');
  expect(worker.headers()['content-type']).toContain('javascript');
  // A worker cached for a year would keep old visitors on an old site.
  expect(worker.headers()['cache-control']).toBe('no-cache');
});

test('browsers that take brotli get the precompressed wasm', async ({ request }) => {
  // `cargo xtask setup` installs Debian's brotli module; elsewhere nginx sends gzip.
  test.skip(!process.env.E2E_NGINX_BROTLI, "this machine's nginx has no brotli module");
  const html = await (await request.get('./')).text();
  const wasm = html.match(/\.\/([\w-]+-[0-9a-f]{8,16}_bg\.wasm)/)![1];
  const response = await request.get(`./${wasm}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(response.headers()['content-encoding']).toBe('br');
  expect(response.headers()['content-type']).toContain('application/wasm');
  // Playwright decodes it: the body is the real wasm.
  expect((await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
});

test('_headers (Netlify, Cloudflare Pages) and nginx cache exactly the same files for a year', async ({ request }) => {
  const rules = (await (await request.get('./_headers')).text()).split(/\n(?=\/)/);
  const cachedForAYear = (path: string) =>
    rules.some((rule) => {
      const [pattern, ...lines] = rule.trim().split('\n');
      const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
      return re.test(path) && lines.some((l) => l.trim() === 'Cache-Control: public, max-age=31536000, immutable');
    });
  const html = await (await request.get('./')).text();
  const hashed = [...new Set([...html.matchAll(/\.\/([\w-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:wasm|js|css))/g)].map((m) => m[1]))];
  expect(hashed.length).toBeGreaterThanOrEqual(3);
  for (const path of [...hashed, 'sw.js', 'index.html', 'manifest.webmanifest', 'content/site.json', 'icon-192.png']) {
    const nginx = (await request.get(`./${path}`)).headers()['cache-control'];
    expect(nginx === 'public, max-age=31536000, immutable', `nginx: ${path} is ${nginx}`).toBe(cachedForAYear(`/${path}`));
  }
});

test('videos, recordings and subtitles are typed, uncompressed, and served in byte ranges', async ({ request }) => {
  // Media of the second pack (fixtures/make-media.mjs), put beside dist/'s content for this test.
  const folder = fileURLToPath(new URL('../../dist/content/media-nginx-test/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  const types: Record<string, string> = { 'choir.webm': 'video/webm', 'songs.m4a': 'audio/mp4', 'choir.en.vtt': 'text/vtt' };
  try {
    for (const file of Object.keys(types)) {
      copyFileSync(new URL(`fixtures/next-event/content/media/${file}`, import.meta.url), folder + file);
    }
    for (const [file, type] of Object.entries(types)) {
      const response = await request.get(`./content/media-nginx-test/${file}`, {
        headers: { Range: 'bytes=0-31', 'Accept-Encoding': 'br, gzip' },
      });
      expect(response.status(), file).toBe(206);
      const headers = response.headers();
      expect(headers['content-range'], file).toMatch(/^bytes 0-31\/\d+$/);
      expect((await response.body()).length, file).toBe(32);
      expect(headers['content-type'], file).toContain(type);
      expect(headers['content-encoding'], file).toBeUndefined();
      expect(headers['content-security-policy'], file).toContain("media-src 'self' https:");
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
