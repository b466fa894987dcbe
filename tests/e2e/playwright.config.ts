import { defineConfig, devices } from '@playwright/test';

// End-to-end tests against the release build in ../../dist, served over
// HTTP, in the machine's own Chromium (never a downloaded browser).
const chromium = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const port = Number(process.env.E2E_PORT || 4173);
// `cargo xtask test` also serves dist/ with the shipped nginx config.
const nginxConf = process.env.E2E_NGINX_CONF;
const nginxPort = 4174;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: chromium,
    trace: 'retain-on-failure',
    // Routed requests never reach a service worker; reach.spec.ts allows it
    // where it tests offline visits.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'phone', testIgnore: 'nginx.spec.ts', use: { ...devices['Pixel 7'], launchOptions: chromium } },
    { name: 'desktop', testIgnore: 'nginx.spec.ts', use: { viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    ...(nginxConf
      ? [{ name: 'nginx', testMatch: 'nginx.spec.ts', use: { baseURL: `http://127.0.0.1:${nginxPort}/`, launchOptions: chromium } }]
      : []),
  ],
  webServer: [
    {
      command: `npx http-server ../../dist -a 127.0.0.1 -p ${port} -c-1 --silent`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(nginxConf
      ? [{
          command: `${process.env.E2E_NGINX_BIN || 'nginx'} -c ${nginxConf} -g "daemon off;"`,
          url: `http://127.0.0.1:${nginxPort}/`,
          reuseExistingServer: false,
          timeout: 30_000,
        }]
      : []),
  ],
});
