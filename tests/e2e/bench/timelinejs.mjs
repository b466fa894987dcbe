// Usage: node bench/timelinejs.mjs OUT_DIR CONTENT_DIR
//
// Builds a TimelineJS3 page (the npm package @knight-lab/timelinejs) that shows
// the same timeline as the site, in Chinese (zh), for `cargo xtask bench` to
// compare against. Everything the page loads is copied into OUT_DIR — the
// library's js/css, its zh-cn locale, and the photos — and the page is told so
// (`script_path` local, `font: null`), so it makes no request off its origin;
// an empty icon spares it the browser's /favicon.ico 404.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const [outArg, contentArg] = process.argv.slice(2);
if (!outArg || !contentArg) {
  console.error('usage: node timelinejs.mjs OUT_DIR CONTENT_DIR');
  process.exit(2);
}
const out = resolve(outArg);
const content = resolve(contentArg);
const lib = join(dirname(createRequire(import.meta.url).resolve('@knight-lab/timelinejs/package.json')), 'dist');
const LANGUAGE = 'zh-cn'; // TimelineJS's locale for the site's default language, zh

const site = JSON.parse(readFileSync(join(content, 'site.json'), 'utf8'));
const { entries } = JSON.parse(readFileSync(join(content, 'timeline.json'), 'utf8'));

// The library (without source maps) under OUT_DIR/timeline/{js,css}, and the photos.
mkdirSync(out, { recursive: true });
for (const dir of ['js', 'css']) {
  cpSync(join(lib, dir), join(out, 'timeline', dir), { recursive: true, filter: (f) => !f.endsWith('.map') });
}
cpSync(join(content, 'photos'), join(out, 'content', 'photos'), { recursive: true });

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// TimelineJS wants dates: an entry's own "HH:MM", else 09:00, 10:00, … in order.
const EVENT_DAY = { year: 2025, month: 6, day: 6 };
const events = entries.map((entry, i) => {
  const [hour, minute] = entry.time ? entry.time.split(':').map(Number) : [9 + i, 0];
  const photo = entry.photos?.[0];
  return {
    unique_id: entry.id,
    start_date: { ...EVENT_DAY, hour, minute },
    text: { headline: esc(entry.title.zh), text: `<p>${esc(entry.text.zh)}</p>` },
    ...(photo && { media: { url: photo.src, caption: esc(photo.caption.zh), alt: photo.alt.zh } }),
  };
});
const timeline = {
  title: {
    text: { headline: esc(site.title.zh), text: `<p>${esc(site.subtitle.zh)} · ${esc(site.date.zh)}</p>` },
  },
  events,
};
writeFileSync(join(out, 'timeline.json'), JSON.stringify(timeline, null, 2) + '\n');

const description = site.share?.description?.zh ?? site.subtitle.zh;
writeFileSync(join(out, 'index.html'), `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${esc(site.title.zh)}</title>
    <meta name="description" content="${esc(description)}" />
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="timeline/css/timeline.css" />
    <style>html, body { height: 100%; margin: 0; } #timeline { width: 100%; height: 100%; }</style>
  </head>
  <body>
    <div id="timeline"></div>
    <script src="timeline/js/timeline.js"></script>
    <script>
      window.timeline = new TL.Timeline('timeline', 'timeline.json', {
        script_path: new URL('timeline/js/', location.href).href,
        font: null,
        language: '${LANGUAGE}',
        hash_bookmark: false,
      });
    </script>
  </body>
</html>
`);
console.log(`TimelineJS page with ${events.length} events in ${out}`);
