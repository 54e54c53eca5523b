// Shared helpers for the browser tests: open dist/tusj.html from file:// in headless Debian
// Chromium and drive it as a person would (keyboard, clipboard, clicks, downloads).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import Ajv from 'ajv/dist/2020.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGE = join(ROOT, 'dist', 'tusj.html');
export const PAGE_URL = pathToFileURL(PAGE).href;
// Where the tests write what they download and record.
export const OUT = join(ROOT, 'tests', 'browser', 'out');
// Where the screenshot tests write page.png and panel.png: tests/browser/out/screenshots (not
// tracked), unless TUSJ_SCREENSHOTS names another folder; `make screenshots` names www/screenshots.
export const SHOTS = process.env.TUSJ_SCREENSHOTS
  ? resolve(ROOT, process.env.TUSJ_SCREENSHOTS)
  : join(OUT, 'screenshots');

// The JSON Schema of the tusj format (www/tusj.schema.json), compiled once.
export const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'www', 'tusj.schema.json'), 'utf8')),
);

export const SEEDS = ['000_eb9eaf48cf008476.txt', '002_11d0ac0b53571547.txt'];

export function seed(name) {
  return readFileSync(join(ROOT, 'seeds', name), 'utf8');
}

// A long article: the two seeds, each followed by a blank line, repeated until it has at
// least `chars` UTF-16 units.
export function seedsRepeated(chars) {
  const one = `${seed(SEEDS[0])}\n\n${seed(SEEDS[1])}\n\n`;
  return one.repeat(Math.ceil(chars / one.length));
}

export async function launch() {
  if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: run \`make page\` first`);
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
}

// The one browser of a test file: launched before its tests, closed after them. Returns a
// getter, since the browser exists only once `before` has run.
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await launch();
    mkdirSync(OUT, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

// Opens the page in a fresh context (own clipboard, own storage) and waits until the
// annotator is ready. Every request the page makes is recorded in `requests`.
// `options.init`: [script, argument] run in every page of the context before the page's own
// scripts (a storage quota, a slow or trapping core).
export async function open(browser, options = {}) {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  if (options.init) await context.addInitScript(...options.init);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(PAGE_URL);
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page, requests, errors };
}

// Puts `text` on the system clipboard (as text/plain, or with `html` as text/html too) and
// presses Ctrl+V in whatever has focus, as a person would.
export async function paste(page, text, html) {
  await page.evaluate(
    async ([t, h]) => {
      if (h === undefined) return navigator.clipboard.writeText(t);
      const item = { 'text/html': new Blob([h], { type: 'text/html' }) };
      if (t !== undefined) item['text/plain'] = new Blob([t], { type: 'text/plain' });
      return navigator.clipboard.write([new ClipboardItem(item)]);
    },
    [text, html],
  );
  await page.keyboard.press('Control+V');
}

// Waits until the view shows a rendering newer than the one before `action` ran.
// (The overview panel is drawn after the view; `panelRendered` waits for it.)
export async function rendered(page, action, timeout = 30000) {
  const before = await page.$eval('#view', (v) => Number(v.dataset.rendered || 0));
  await action();
  await page.waitForFunction(
    (b) => Number(document.getElementById('view').dataset.rendered || 0) > b,
    before,
    { timeout },
  );
}

export async function panelRendered(page, action, timeout = 30000) {
  const before = await page.$eval('#panel', (v) => Number(v.dataset.rendered || 0));
  await action();
  await page.waitForFunction(
    (b) => Number(document.getElementById('panel').dataset.rendered || 0) > b,
    before,
    { timeout },
  );
}

// The highlights, each with `description`: what a screen reader says after its words (the
// text of the elements its aria-describedby names, the tooltip left out).
export async function marks(page) {
  return page.$$eval('#view mark', (ms) =>
    ms.map((m) => ({
      kind: m.dataset.kind,
      type: m.dataset.type,
      text: m.textContent,
      description: (m.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter((id) => id && id !== 'tip')
        .map((id) => document.getElementById(id)?.textContent)
        .join(', '),
    })),
  );
}

// The core's own annotations for a file, from the `tusj annotate` command line
// (`cargo run -- annotate`, or the executable named by TUSJ_CLI).
export function cliAnnotate(path) {
  let out;
  try {
    out = process.env.TUSJ_CLI
      ? execFileSync(process.env.TUSJ_CLI, ['annotate', path], { cwd: ROOT, encoding: 'utf8' })
      : execFileSync('cargo', ['run', '--quiet', '--', 'annotate', path], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    throw new Error(`\`cargo run -- annotate ${path}\` failed: ${err.message}`);
  }
  try {
    return JSON.parse(out);
  } catch {
    throw new Error(`\`tusj annotate ${path}\` did not print a JSON document; got: ${out.slice(0, 200)}`);
  }
}

// Slices by code points, as the format defines offsets.
export function codePointSlice(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

// Each mark as `kind/type:text`, in text order.
export const markTexts = async (page) => (await marks(page)).map((m) => `${m.kind}/${m.type}:${m.text}`);

// Selects `word` in the text box with the keyboard: caret before it, then Shift+→ per letter.
export async function selectInSource(page, word) {
  const at = await page.$eval('#source', (s, w) => s.value.indexOf(w), word);
  assert.ok(at >= 0, `${word} is in the text`);
  await page.focus('#source');
  await page.$eval('#source', (s, i) => s.setSelectionRange(i, i), at);
  for (let i = 0; i < word.length; i++) await page.keyboard.press('Shift+ArrowRight');
}

// Tabs from the text box to the article's marks, then arrows to the mark whose text is `text`.
export async function focusMark(page, text) {
  await page.focus('#source');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement.tagName)) === 'MARK') break;
  }
  for (let i = 0; i < 200; i++) {
    if ((await page.evaluate(() => document.activeElement.textContent)) === text) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no mark «${text}»`);
}

// Clicks `button` and saves the download under OUT: its name, path and text.
export async function exportDownload(page, button = 'text=Export JSON') {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = join(OUT, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), file, content: readFileSync(file, 'utf8') };
}
