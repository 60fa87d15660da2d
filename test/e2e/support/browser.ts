// What every browser test shares: Debian's chromium driven by playwright-core, pages at a
// laptop's or a phone's width, the staff sign-in, the axe-core WCAG 2.1 A/AA check, the
// "no sideways scrolling" check and screenshots. With UPDATE_SCREENSHOTS=1 screenshots
// refresh docs/screenshots/; otherwise they go to a temporary folder, so a test run never
// changes tracked files.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : mkdtempSync(path.join(os.tmpdir(), 'vestnik-shots-'));

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let shared: Promise<Browser> | null = null;

/** The one browser of a test file, started at the first page asked for. */
export function launchBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return shared;
}

/** Closes the browser of this test file (call it in afterAll). */
export async function closeBrowser(): Promise<void> {
  const browser = shared;
  shared = null;
  await (await browser)?.close();
}

export interface NewPageOptions {
  /** The browser's language, e.g. 'ru-RU' (the default) or 'en-GB'. */
  locale?: string;
  /** 1280 for a laptop (the default), 390 for a phone. */
  width?: 1280 | 390;
  /**
   * Lets the test inject scripts into pages whose policy forbids them. axe-core runs
   * through page.evaluate, which the policy does not block, so only pages that load the
   * test's own scripts need this.
   */
  bypassCSP?: boolean;
}

/** A page in a fresh context (its own cookies), with downloads allowed. */
export async function newPage(options: NewPageOptions = {}): Promise<Page> {
  const browser = await launchBrowser();
  const phone = options.width === 390;
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: options.locale ?? 'ru-RU',
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    bypassCSP: options.bypassCSP ?? false,
  });
  return context.newPage();
}

/** Signs in through the staff login form and waits for the landing page. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/staff/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/staff/login')), page.click('button[type=submit]')]);
  await page.waitForLoadState('networkidle');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and fails with a readable list. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate('typeof globalThis.axe === "object"'))) await page.evaluate(AXE);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}`,
  );
  throw new Error(`axe-core: ${violations.length} WCAG 2.1 A/AA violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`);
}

/** How many pixels the page is wider than the screen (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string expression: the tests are compiled without DOM types.
  return Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
}

/** Fails when the page scrolls sideways; tables may still scroll inside their own box. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) {
    const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')`);
    throw new Error(`${label} (${page.url()}) is ${overflow}px wider than the screen; too wide: ${String(wide)}`);
  }
}

/** A full-page screenshot named `<name>.png` (docs/screenshots/ with UPDATE_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
