import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { serve } from './serve';
import { fileURLToPath } from 'node:url';
import { raw } from './content';

// The studio's spreadsheet: the workbook of the site's content downloads,
// imports back with every row right and gives the content files; mistakes
// in a sheet are shown at their sheet, row and column.

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/sheets/${name}`, import.meta.url));

function panel(page: Page) {
  return page.getByRole('region', { name: 'Fill in the content as a spreadsheet' });
}

/** Writes an agenda saved as CSV (`日程.csv`) holding `rows` under `header`. */
function agendaCsv(header: string, rows: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'agenda-')), '日程.csv');
  writeFileSync(path, [header, ...rows].map((row) => `${row}\r\n`).join(''));
  return path;
}

/** Clicks, and keeps the download under the name the page gave it. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const name = file.suggestedFilename();
  const path = join(mkdtempSync(join(tmpdir(), 'sheets-')), name);
  await file.saveAs(path);
  return { name, path };
}

test('the workbook of the site\'s content imports back and gives the same content files', async ({ page }) => {
  // On a slow network the filled workbook waits for the content (never an
  // empty one under its name).
  await page.route('**/content/site.json', async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await page.goto('./studio/?lang=en');
  const sheets = panel(page);
  const book = await download(page, () =>
    sheets.getByRole('button', { name: 'Download the workbook with the site\'s content' }).click(),
  );
  expect(book.name).toBe('event.xlsx');
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(book.path);
  await expect(sheets.getByRole('status')).toHaveText(
    'event.xlsx: every row is right; it gives site.json, story.json, timeline.json, quiz.json / 每一行都正确，得到 site.json、story.json、timeline.json、quiz.json',
  );
  const links = sheets.getByRole('link');
  await expect(links).toHaveText(['site.json', 'story.json', 'timeline.json', 'quiz.json']);
  for (const file of ['site.json', 'story.json', 'timeline.json', 'quiz.json']) {
    const saved = await download(page, () => links.getByText(file, { exact: true }).click());
    expect(saved.name).toBe(file);
    const written = JSON.parse(readFileSync(saved.path, 'utf8'));
    const shipped = JSON.parse(raw(file));
    if (file === 'timeline.json') {
      const summary = (t: any) => t.entries.map((e: any) => [e.title, e.time, (e.photos || []).map((p: any) => [p.src, p.width, p.alt])]);
      expect(summary(written)).toEqual(summary(shipped));
    } else if (file === 'quiz.json') {
      expect(written.questions.map((q: any) => [q.prompt, q.answer])).toEqual(shipped.questions.map((q: any) => [q.prompt, q.answer]));
    } else if (file === 'site.json') {
      expect([written.title, written.organisers.length]).toEqual([shipped.title, shipped.organisers.length]);
    } else {
      expect(written.sections.map((s: any) => s.paragraphs.length)).toEqual(shipped.sections.map((s: any) => s.paragraphs.length));
    }
  }
});

test('the studio asks the host for each content file once, for the check and the workbook alike', async ({ page }) => {
  const asked = new Map<string, number>();
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.match(/\/content\/(\w+\.json)$/)?.[1];
    if (file) asked.set(file, (asked.get(file) ?? 0) + 1);
  });
  await page.goto('./studio/?lang=en');
  await expect(page.getByRole('region', { name: 'Content check' }).getByRole('status')).not.toHaveText(/^Checking/);
  await expect(panel(page).getByRole('button', { name: 'Download the workbook with the site\'s content' })).toBeEnabled();
  expect(Object.fromEntries(asked)).toEqual({ 'site.json': 1, 'story.json': 1, 'timeline.json': 1, 'quiz.json': 1 });
});

test('the empty template says what is still to be filled in, at its cell', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const sheets = panel(page);
  const template = await download(page, () => sheets.getByRole('button', { name: 'Download the empty template' }).click());
  expect(template.name).toBe('template.xlsx');
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(template.path);
  await expect(sheets.getByRole('alert')).toContainText('template.xlsx:');
  await expect(sheets.getByRole('alert')).toContainText('no file was made');
  const title = sheets.getByRole('listitem').filter({ hasText: '活动 Event, row 2, column C (中文 / Chinese)' });
  await expect(title).toHaveCount(1);
});

test('a time of "9:30" in an agenda saved as CSV in GBK is shown at its sheet, row and column', async ({ page }) => {
  await page.goto('./studio/?lang=zh');
  const sheets = page.getByRole('region', { name: '用表格填写内容' });
  await sheets.getByLabel('导入填好的表格').setInputFiles(fixture('日程.csv'));
  await expect(sheets.getByRole('alert')).toHaveText('日程.csv: 1 problem(s); no file was made / 表格中有 1 个问题，未生成文件');
  const item = sheets.getByRole('listitem');
  await expect(item).toContainText('日程, row 3, column B (时间 / Time)');
  await expect(item).toContainText('"9:30" is not a time of day');
  await expect(item).toContainText('不是时间');
});

test('a wrong answer letter and a missing question type in a question bank are shown at their cells', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const sheets = panel(page);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(fixture('题库.csv'));
  const items = sheets.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('题库, row 3, column L (答案 / Answer)');
  await expect(items.nth(0)).toContainText('the answer "E" names "E", but only A-D are given');
  await expect(items.nth(0)).toContainText('只填写了选项A-D');
  await expect(items.nth(1)).toContainText('题库, row 4, column A (题型 / Type)');
  await expect(items.nth(1)).toContainText('the question type is empty');
});

/** The entries of a zip (read from its central directory): name -> bytes. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return entries;
}

/** A JPEG's width and height, from its frame header. */
function jpegSize(jpeg: Buffer): [number, number] {
  let at = 2;
  while (at < jpeg.length) {
    const marker = jpeg[at + 1];
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return [jpeg.readUInt16BE(at + 7), jpeg.readUInt16BE(at + 5)];
    at += 2 + length;
  }
  return [0, 0];
}

test('a phone photo turned on its side, with GPS, comes out upright without EXIF, in a zip whose content the site shows', async ({ page }) => {
  test.slow();
  await page.goto('./studio/?lang=en');
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  await photos.getByLabel('Choose photos').setInputFiles(fixture('IMG_2041.JPG'));
  await expect(photos.getByRole('status')).toHaveText(/^1 photo\(s\) ready/);
  await expect(photos.getByRole('listitem')).toContainText('IMG_2041.JPG: 800 x 1200 upright, 4 copies without EXIF or GPS');

  // An agenda of one entry naming the photo by its file name on the phone.
  const agenda = agendaCsv('编号,时间,标题,标题（英文）,照片', ['group,16:00,合影留念,The group photo,IMG_2041.JPG']);
  const sheets = panel(page);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agenda);
  await expect(sheets.getByRole('status')).toContainText('every row is right; it gives timeline.json');
  const zip = await download(page, () => sheets.getByRole('button', { name: /^Download content\.zip/ }).click());
  expect(zip.name).toBe('content.zip');
  const entries = unzip(readFileSync(zip.path));
  const names = [...entries.keys()].sort();
  expect(names).toHaveLength(5);
  expect(names[0]).toMatch(/^photos\/img-2041-[0-9a-f]{8}-480\.jpg$/);
  const timeline = JSON.parse(entries.get('timeline.json')!.toString('utf8'));
  const photo = timeline.entries[0].photos[0];
  expect([photo.width, photo.height]).toEqual([800, 1200]);
  const largest = entries.get(photo.src.replace('content/', ''))!;
  expect(jpegSize(largest)).toEqual([800, 1200]);
  expect(largest.includes(Buffer.from('Exif'))).toBe(false);
  expect(entries.has(photo.webp[1].src.replace('content/', ''))).toBe(true);

  // Unzipped into a built site's content/, the visitor's page shows it.
  const root = mkdtempSync(join(tmpdir(), 'site-'));
  cpSync(dist, root, { recursive: true });
  for (const [name, bytes] of entries) writeFileSync(join(root, 'content', name), bytes);
  const served = await serve(root);
  try {
    await page.goto(`${served.url}/?lang=en`);
    const entry = page.getByRole('article').filter({ hasText: 'The group photo' });
    await expect(entry).toBeVisible();
    const image = entry.getByRole('img').first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.currentSrc)).toContain('img-2041-');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth)).toBe(true);
  } finally {
    await served.close();
  }
});

test('photos made are kept in the browser: a reload offers them back, and they can be forgotten', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  await photos.getByLabel('Choose photos').setInputFiles([fixture('IMG_2041.JPG'), join(fileURLToPath(new URL('./fixtures/photos/', import.meta.url)), 'portrait.jpg')]);
  await expect(photos.getByRole('status')).toHaveText(/^2 photo\(s\) ready/);
  await page.reload();
  await expect(photos.getByRole('status')).toHaveText(/^2 photo\(s\) ready/);
  await expect(photos).toContainText('2 photo(s) made on an earlier visit are kept in this browser');
  // Kept photos are named in the agenda as before.
  const agenda = agendaCsv('时间,标题,标题（英文）,照片', ['16:00,合影留念,The group photo,"IMG_2041.JPG\nportrait.jpg"']);
  const sheets = panel(page);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agenda);
  await expect(sheets.getByRole('status')).toContainText('every row is right; it gives timeline.json');
  await photos.getByRole('button', { name: 'Forget these photos' }).click();
  await expect(photos.getByRole('status')).toHaveText(/^0 photo\(s\) ready/);
  await page.reload();
  await expect(photos.getByRole('status')).toHaveText(/^0 photo\(s\) ready/);
  await expect(photos).not.toContainText('earlier visit');
});

test('a photo over the limits is reported and skipped before it is decoded, and the others go on', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  const dir = mkdtempSync(join(tmpdir(), 'limits-'));
  // A PNG whose header claims 20000 x 20000 pixels (400 megapixels).
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'ascii');
  header.writeUInt32BE(20000, 16);
  header.writeUInt32BE(20000, 20);
  header[24] = 8;
  header[25] = 6;
  writeFileSync(join(dir, 'bomb.png'), header);
  writeFileSync(join(dir, 'huge.jpg'), Buffer.alloc(65 * 1024 * 1024));
  writeFileSync(join(dir, 'notes.jpg'), 'not a photo');
  await photos.getByLabel('Choose photos').setInputFiles([
    join(dir, 'bomb.png'),
    join(dir, 'huge.jpg'),
    join(dir, 'notes.jpg'),
    fixture('IMG_2041.JPG'),
  ]);
  await expect(photos.getByRole('status')).toHaveText(/^1 photo\(s\) ready/);
  const items = photos.getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('bomb.png: 20000 x 20000 pixels is too large (the limit is 100 megapixels), skipped');
  await expect(items.nth(1)).toContainText('huge.jpg: 68 MB is larger than the limit of 64 MB, skipped');
  await expect(items.nth(2)).toContainText('notes.jpg: is not a photo this page can read');
  await expect(items.nth(3)).toContainText('IMG_2041.JPG: 800 x 1200 upright');
});

test('the last spreadsheet imported is kept: a reload reads it again, a photo made later is found, and it can be forgotten', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const sheets = panel(page);
  const agenda = agendaCsv('时间,标题,标题（英文）,照片', ['16:00,合影留念,The group photo,IMG_2041.JPG']);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agenda);
  // The photo it names is not made yet.
  await expect(sheets.getByRole('alert')).toHaveText('日程.csv: 1 problem(s); no file was made / 表格中有 1 个问题，未生成文件');
  await page.reload();
  await expect(sheets).toContainText('日程.csv, imported on an earlier visit, is kept in this browser');
  await expect(sheets.getByRole('alert')).toContainText('日程.csv: 1 problem(s)');
  // Once the photo is made, the kept agenda is read again and finds it.
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  await photos.getByLabel('Choose photos').setInputFiles(fixture('IMG_2041.JPG'));
  await expect(sheets.getByRole('status')).toContainText('日程.csv: every row is right; it gives timeline.json');
  await sheets.getByRole('button', { name: 'Forget this spreadsheet' }).click();
  await expect(sheets.getByRole('status')).toHaveCount(0);
  await page.reload();
  await expect(photos.getByRole('status')).toHaveText(/^1 photo\(s\) ready/);
  await expect(sheets).not.toContainText('earlier visit');
  await expect(sheets.getByRole('status')).toHaveCount(0);
});

test('the preview shows the imported agenda in the event page itself, at a phone\'s and a desktop\'s width', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const sheets = panel(page);
  const long = 'A closing exchange between the branches of four organisers, with questions from the floor and a summary of the day';
  const agenda = agendaCsv('时间,标题,标题（英文）', ['07:05,清晨集合,Gathering at dawn', `21:40,闭幕交流,"${long}"`]);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agenda);
  await expect(sheets.getByRole('status')).toContainText('every row is right');
  const preview = sheets.getByRole('region', { name: 'Preview' });
  for (const [name, width] of [['Phone (390 px wide)', 390], ['Desktop (1280 px wide, shown smaller)', 1280]] as const) {
    const frame = preview.frameLocator(`iframe[title="${name}"]`);
    const timeline = frame.locator('#timeline');
    await expect(timeline.getByRole('heading', { name: 'Gathering at dawn' })).toBeVisible();
    await expect(timeline.getByRole('heading', { name: long })).toBeVisible();
    await expect(timeline.getByRole('listitem').filter({ has: frame.getByRole('heading', { level: 3 }) })).toHaveCount(2);
    await expect(timeline).toContainText('21:40');
    // The page's story and quiz are the site's own.
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/\S/);
    const frameWidth = await frame.locator('html').evaluate(() => window.innerWidth);
    expect(Math.abs(frameWidth - width)).toBeLessThanOrEqual(width === 390 ? 60 : 0);
  }
  // The next import is drawn again.
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agendaCsv('时间,标题,标题（英文）', ['10:00,换了,Changed entry']));
  const phone = preview.frameLocator('iframe[title="Phone (390 px wide)"]');
  await expect(phone.locator('#timeline').getByRole('heading', { name: 'Changed entry' })).toBeVisible();
  await expect(phone.locator('#timeline').getByRole('heading', { name: 'Gathering at dawn' })).toHaveCount(0);
});

test('the content edited in the studio\'s form is checked as it is typed, previewed, and kept over a reload', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const form = page.getByRole('region', { name: 'Edit here' });
  await form.getByRole('button', { name: 'Edit the site\'s content here' }).click();
  const agenda = form.getByRole('region', { name: '日程 Agenda' });
  const entries = agenda.getByRole('group');
  const count = await entries.count();
  expect(count).toBeGreaterThan(3);

  // A time typed as 9:30 is shown beside its field, and goes once fixed.
  const second = agenda.getByRole('group', { name: 'Row 3', exact: true });
  const time = second.getByLabel(/^时间/);
  const was = await time.inputValue();
  await time.fill('9:30');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await expect(time).toHaveAccessibleDescription(/"9:30" is not a time of day/);
  await time.fill(was);
  await expect(time).not.toHaveAttribute('aria-invalid', 'true');
  await expect(second.locator('.form__problem')).toHaveCount(0);

  // A row added, moved up and removed.
  await agenda.getByRole('button', { name: 'Add a row' }).click();
  await expect(entries).toHaveCount(count + 1);
  const added = agenda.getByRole('group', { name: `Row ${count + 2}`, exact: true });
  await added.getByLabel(/^时间/).fill('23:15');
  await added.getByLabel(/^标题 /).fill('夜间座谈');
  await added.getByLabel(/^标题（英文）/).fill('late talk');
  // Typing in the middle of a field keeps the caret where it is.
  await added.getByLabel(/^标题（英文）/).press('Home');
  await added.getByLabel(/^标题（英文）/).pressSequentially('A ');
  await expect(added.getByLabel(/^标题（英文）/)).toHaveValue('A late talk');
  await added.getByRole('button', { name: `Move up · Row ${count + 2}` }).click();
  const moved = agenda.getByRole('group', { name: `Row ${count + 1}`, exact: true });
  await expect(moved.getByLabel(/^标题（英文）/)).toHaveValue('A late talk');
  await expect(agenda.getByRole('group', { name: `Row ${count + 2}`, exact: true }).getByLabel(/^标题（英文）/)).not.toHaveValue('A late talk');
  await moved.getByRole('button', { name: `Remove · Row ${count + 1}` }).click();
  await expect(entries).toHaveCount(count);
  await expect(agenda.getByLabel(/^标题（英文）/).filter({ hasText: 'A late talk' })).toHaveCount(0);

  // An edited title shows in the preview once the field is left.
  const title = agenda.getByRole('group', { name: 'Row 2', exact: true }).getByLabel(/^标题（英文）/);
  await title.fill('Gathering at dawn, edited here');
  await title.press('Tab');
  const sheets = panel(page);
  await expect(sheets.getByRole('status')).toContainText('every row is right');
  const phone = sheets.getByRole('region', { name: 'Preview' }).frameLocator('iframe[title="Phone (390 px wide)"]');
  await expect(phone.locator('#timeline').getByRole('heading', { name: 'Gathering at dawn, edited here' })).toBeVisible();

  // Every change is kept: a reload gives the form back as it was left.
  await expect(form).toContainText('Every change is kept in this browser.');
  await page.reload();
  await expect(form).toContainText('imported on an earlier visit');
  await expect(
    form.getByRole('region', { name: '日程 Agenda' }).getByRole('group', { name: 'Row 2', exact: true }).getByLabel(/^标题（英文）/),
  ).toHaveValue('Gathering at dawn, edited here');
});

test('an empty event started in the form shows what is still to be filled in, beside each field, and takes more organisers', async ({ page }) => {
  await page.goto('./studio/?lang=en');
  const form = page.getByRole('region', { name: 'Edit here' });
  await form.getByRole('button', { name: 'Start an empty event here' }).click();
  const event = form.getByRole('region', { name: '活动 Event' });
  const title = event.getByRole('group', { name: '标题 / Title', exact: true });
  const chinese = title.getByLabel(/^中文/);
  await expect(chinese).toHaveAttribute('aria-invalid', 'true');
  await expect(chinese).toHaveAccessibleDescription(/\S/);
  // A field of text has no value cell; a field of value has only that one.
  await expect(title.getByRole('textbox')).toHaveCount(2);
  await expect(event.getByRole('group', { name: '短标题 / Short title', exact: true }).getByRole('textbox')).toHaveCount(1);
  await chinese.fill('第二次联合主题党日');
  await expect(chinese).not.toHaveAttribute('aria-invalid', 'true');

  // Organisers repeat: one more is added below, and the last one stays.
  const organisers = event.getByRole('group', { name: '主办单位 / Organiser', exact: true });
  await expect(organisers).toHaveCount(1);
  await expect(organisers.getByRole('button', { name: /^Remove/ })).toBeDisabled();
  for (let i = 0; i < 3; i++) await organisers.last().getByRole('button', { name: /^Add another/ }).click();
  await expect(organisers).toHaveCount(4);
  await organisers.nth(3).getByLabel(/^英文/).fill('The fourth branch');
  await organisers.nth(1).getByRole('button', { name: /^Remove/ }).click();
  await expect(organisers).toHaveCount(3);
  await expect(organisers.nth(2).getByLabel(/^英文/)).toHaveValue('The fourth branch');
  for (const organiser of await organisers.all()) {
    await expect(organiser.getByRole('button', { name: /^Remove/ })).toBeEnabled();
  }
});

test('photos chosen for an agenda entry, or dropped on it, are made and named in its 照片 cell', async ({ page }) => {
  test.slow();
  await page.goto('./studio/?lang=en');
  const form = page.getByRole('region', { name: 'Edit here' });
  await form.getByRole('button', { name: 'Edit the site\'s content here' }).click();
  const agenda = form.getByRole('region', { name: '日程 Agenda' });
  const entry = agenda.getByRole('group', { name: 'Row 2', exact: true });
  const photosCell = entry.getByLabel(/^照片/);
  const before = await photosCell.inputValue();
  await entry.getByLabel('Add photos to this entry (or drop them here) · Row 2').setInputFiles(fixture('IMG_2041.JPG'));
  await expect(photosCell).toHaveValue(before ? `${before}\nIMG_2041.JPG` : 'IMG_2041.JPG');
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  await expect(photos.getByRole('status')).toHaveText(/^1 photo\(s\) ready/);
  await expect(photosCell).not.toHaveAttribute('aria-invalid', 'true');
  const sheets = panel(page);
  await expect(sheets.getByRole('status')).toContainText('every row is right');

  // Dropped on another entry: the same photo, made once more under its name.
  const third = agenda.getByRole('group', { name: 'Row 3', exact: true });
  const bytes = [...readFileSync(fixture('IMG_2041.JPG'))];
  const drop = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'IMG_2041.JPG', { type: 'image/jpeg' }));
    return data;
  }, bytes);
  await third.dispatchEvent('dragover', { dataTransfer: drop });
  await third.dispatchEvent('drop', { dataTransfer: drop });
  await expect(third.getByLabel(/^照片/)).toHaveValue(/(^|\n)IMG_2041\.JPG$/);
  await expect(third.getByLabel(/^照片/)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(sheets.getByRole('status')).toContainText('every row is right');
});

/** The text between a region's comments in a page the build wrote. */
function region(html: string, name: string): string {
  const start = html.indexOf(`<!--event:${name}-->`);
  const end = html.indexOf(`<!--/event:${name}-->`);
  expect(start, `the page has its ${name} region`).toBeGreaterThanOrEqual(0);
  return html.slice(start, end);
}

test('the studio\'s page renderer draws the site\'s content exactly as the build drew it ahead of the app', async ({ page, request }) => {
  await page.goto('./studio/?lang=en');
  const drawn = await page.evaluate(async () => {
    const url = document.querySelector('meta[name=page-renderer]')!.getAttribute('content')!;
    const renderer = await import(new URL(url, document.baseURI).href);
    await renderer.default();
    const text = (file: string) => fetch(`content/${file}`).then((response) => response.text());
    const files = await Promise.all(['site.json', 'story.json', 'timeline.json', 'quiz.json'].map(text));
    return renderer.render_page(...files) as string;
  });
  const built = await (await request.get('./')).text();
  expect(`<!--event:page-->\n${drawn}\n`).toBe(region(built, 'page'));
});

test('site.zip holds the whole site for the new event: its page drawn ahead of the app, link previews, share card, photos and offline copy rendered anew, nothing of the earlier event', async ({ page, request, browser }) => {
  test.slow();
  await page.goto('./studio/?lang=en');
  const photos = page.getByRole('region', { name: 'Photos of the day' });
  await photos.getByLabel('Choose photos').setInputFiles(fixture('IMG_2041.JPG'));
  await expect(photos.getByRole('status')).toHaveText(/^1 photo\(s\) ready/);
  const agenda = agendaCsv('编号,时间,标题,标题（英文）,照片', [
    'group,16:00,合影留念,The group photo,IMG_2041.JPG',
    'closing,16:30,闭幕,Closing words,',
  ]);
  const sheets = panel(page);
  await sheets.getByLabel('Import a filled-in spreadsheet').setInputFiles(agenda);
  await expect(sheets.getByRole('status')).toContainText('every row is right; it gives timeline.json');
  const zip = await download(page, () => sheets.getByRole('button', { name: /^Download site\.zip/ }).click());
  expect(zip.name).toBe('site.zip');
  await expect(sheets.getByText('site.zip is ready')).toBeVisible();
  const entries = unzip(readFileSync(zip.path));
  const names = [...entries.keys()];
  for (const name of ['index.html', 'sw.js', 'manifest.webmanifest', 'share.png', 'studio/index.html', 'content/site.json', 'content/timeline.json']) {
    expect(names, name).toContain(name);
  }
  expect(names.some((name) => /^content\/photos\/img-2041-[0-9a-f]{8}-480\.jpg$/.test(name))).toBe(true);
  expect(names.some((name) => name.endsWith('.wasm'))).toBe(true);
  // Before any script, the new event's day, and nothing of the earlier one.
  const index = entries.get('index.html')!.toString('utf8');
  const built = (await (await request.get('./')).text());
  const drawn = region(index, 'page');
  expect(drawn).toContain('id="prerender"');
  expect(drawn).toContain('The group photo');
  expect(drawn).toContain('Closing words');
  expect(region(built, 'page')).toContain('content/photos/oath.svg');
  expect(drawn).not.toContain('content/photos/oath.svg');
  // The story and the link previews come from the host's other files.
  expect(region(index, 'head')).toEqual(region(built, 'head'));
  const card = entries.get('share.png')!;
  expect(card.subarray(16, 24)).toEqual(Buffer.from([0, 0, 4, 176, 0, 0, 2, 118]));
  expect(entries.get('sw.js')!.toString('utf8')).not.toEqual(await (await request.get('./sw.js')).text());

  // Served as it is by a host of its own, it is the new event's site.
  const root = mkdtempSync(join(tmpdir(), 'site-zip-'));
  for (const [name, bytes] of entries) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), bytes);
  }
  const served = await serve(root);
  try {
    // Without scripts (and for search engines), the new day is there too.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const reader = await noScript.newPage();
    await reader.goto(served.url);
    await expect(reader.getByRole('heading', { name: '合影留念' })).toBeVisible();
    await expect(reader.getByRole('heading', { name: '闭幕' })).toBeVisible();
    await expect(reader.getByRole('heading', { name: '重温入党誓词' })).toHaveCount(0);
    await noScript.close();

    await page.goto(`${served.url}/?lang=en`);
    const entry = page.getByRole('article').filter({ hasText: 'The group photo' });
    await expect(entry).toBeVisible();
    await expect(page.getByRole('article').filter({ hasText: 'Closing words' })).toBeVisible();
    await expect(page.locator('#prerender')).toHaveCount(0);
    const image = entry.getByRole('img').first();
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // Its studio's check, the same check as `cargo xtask check`, finds no error
    // (and no content changed since the build).
    await page.goto(`${served.url}/studio/?lang=en`);
    await expect(page.getByRole('region', { name: 'Content check' }).getByRole('status').first()).toContainText(/^0 error\(s\)/);
  } finally {
    await served.close();
  }
});
