import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks (`cargo xtask bench`): measurements printed as a table, never
// pass/fail on a timing. One worker, so runs do not compete for the CPU.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  projects: [{ name: 'desktop', use: { viewport: { width: 1280, height: 800 }, launchOptions: base.use!.launchOptions } }],
});
