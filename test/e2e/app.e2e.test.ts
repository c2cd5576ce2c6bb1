/**
 * End to end: the BUILT renderer (dist/renderer) in Debian's Chromium, talking
 * to the real main-side handlers (worker, library, engine) over a bridge that
 * stands in for the preload. One user's session, step by step, with a
 * screenshot of each screen in test/e2e/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHandlers, type AppHandlers } from '../../src-main/api/handlers';
import type { DialogPort } from '../../src-main/api/ports';
import { generateDump } from '../../src-main/tools/gen-dump';
import { tempDir } from '../support/temp';
import { bridgeApi } from './support/bridge';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailability } from './support/chromium';
import { serveFolder, type StaticServer } from './support/static-server';

const ROOT = resolve(__dirname, '../..');
const SAMPLE = join(ROOT, 'assets/sample');
const RENDERER = join(ROOT, 'dist/renderer');
const SHOTS = join(__dirname, 'screenshots');
const LICENSE_ZIP = 'vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip';
const STEP = 60_000;

const availability = chromiumAvailability();

/** Dialogs the test answers: each open call takes the next prepared answer. */
class ScriptedDialogs implements DialogPort {
  files: string[][] = [];
  folders: Array<string | null> = [];
  saveDir = '';
  async openFiles(): Promise<string[]> {
    return this.files.shift() ?? [];
  }
  async openFolder(): Promise<string | null> {
    return this.folders.shift() ?? null;
  }
  async saveFile(o: { defaultPath: string }): Promise<string | null> {
    return join(this.saveDir, o.defaultPath.replace(/^.*[/\\]/, ''));
  }
}

/** The sample's license ZIP with one byte of its anonymous CSV flipped: the hash no longer matches (V5). */
async function tamperedZip(dir: string): Promise<{ path: string; member: string }> {
  const zip = await JSZip.loadAsync(readFileSync(join(SAMPLE, LICENSE_ZIP)));
  const member = Object.keys(zip.files).find((p) => /_anonymous_legacy_.*\.csv$/.test(p));
  if (!member) throw new Error('the sample ZIP has no anonymous CSV member');
  const content = await zip.file(member)!.async('uint8array');
  const at = content.length - 2;
  content[at] = content[at] === 0x30 ? 0x31 : 0x30;
  zip.file(member, content);
  const out = join(dir, LICENSE_ZIP);
  writeFileSync(out, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  return { path: out, member };
}

/** Waits until the locator's text matches (the UI updates asynchronously), then asserts it, so a failure shows the text. */
async function hasText(locator: Locator, expected: string | RegExp): Promise<void> {
  const matches = (t: string) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
  const deadline = Date.now() + STEP / 2;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText({ timeout: 1000 }).catch(() => '');
    if (matches(text)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!matches(text)) {
    const path = join(tmpdir(), 'vlf-e2e-last-failure.png');
    await locator.page().screenshot({ path }).catch(() => undefined);
    console.error(`e2e: the screen at the failure is in ${path}`);
  }
  if (typeof expected === 'string') expect(text).toContain(expected);
  else expect(text).toMatch(expected);
}

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: STEP / 2 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let charts and focus rings settle
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe.runIf(availability.run)('the desktop renderer, end to end', () => {
  const work = tempDir('vlf-e2e-');
  const dialogs = new ScriptedDialogs();
  let app: AppHandlers;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let stopEvents: () => void;

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html'))) throw new Error(`${RENDERER}/index.html is missing: run \`npm run build\` (or build:renderer) before the e2e`);
    mkdirSync(SHOTS, { recursive: true });
    dialogs.saveDir = join(work, 'exports');
    mkdirSync(dialogs.saveDir);
    app = createAppHandlers({ libraryPath: join(work, 'library', 'library.sqlite'), sampleDir: SAMPLE, userDataDir: work, dialogs, version: '0.1.0-e2e', documentsDir: dialogs.saveDir });
    server = await serveFolder(RENDERER);
    context = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    stopEvents = await bridgeApi(context, app, () => context.pages());
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(server.url);
  }, STEP);

  afterAll(async () => {
    stopEvents?.();
    await context?.close();
    await server?.close();
    await app?.close();
  });

  it('first start shows the bundled sample, imported and verified', async () => {
    await page.locator('[data-testid=app][data-loaded=true]').waitFor({ timeout: STEP });
    const table = page.getByTestId('library-table');
    // The CSV and the ZIP are one audit (same Platform ID and Date Time): one source.
    await expect.poll(() => table.locator('.vt-data').count()).toBeGreaterThanOrEqual(1);
    await visible(table.getByText('vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv'));
    await hasText(page.getByTestId('sample-verdict'), 'PASS');
    await hasText(table.locator('.vt-data').first(), 'Acme-Telecom · VOSS-PRD-1');
    await hasText(table.locator('.vt-data').first(), 'PASS');
    await shot(page, 'home');
  }, STEP);

  it('verifying a tampered ZIP shows FAIL with V5 naming the member', async () => {
    const tampered = await tamperedZip(work);
    dialogs.files.push([tampered.path]);
    await page.keyboard.press('Control+o');
    const findings = page.getByTestId('findings');
    await findings.waitFor({ timeout: STEP });
    await hasText(findings.locator('.file-title'), 'FAIL');
    const v5 = findings.getByRole('region', { name: /^V5 / });
    await hasText(v5, 'FAIL');
    await hasText(v5, tampered.member);
    await hasText(v5, /SHA-256/);
    await shot(page, 'verify');
  }, STEP);

  it('opens the sample audit: reported counts per customer, and a customer', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByTestId('library-table').getByText('vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv').click();
    const counts = page.getByTestId('counts-table');
    await counts.waitFor({ timeout: STEP });
    await hasText(page.getByTestId('current-source'), 'Reported audit');
    await expect.poll(() => counts.locator('.vt-data').count()).toBeGreaterThan(0);
    await hasText(counts.locator('.vt-totals'), 'Total');
    // The sample's blank-PKID row is the provider's, counted above customer level.
    await hasText(counts.locator('.vt-data.provider-row'), 'above customer level');
    await shot(page, 'counts-reported');
    // The same screen as the OS's dark mode shows it (prefers-color-scheme).
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'counts-reported-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const firstCustomer = counts.locator('.vt-data:not(.provider-row) .vt-td.openable').first();
    const name = (await firstCustomer.innerText()).trim();
    await firstCustomer.click();
    await hasText(page.locator('.view-header h1'), name);
    await visible(page.getByTestId('customer-table'));
    await shot(page, 'customer-reported');
  }, STEP);

  it('a platform dump is recounted: customer, a user and its rule, and Explain', async () => {
    const dump = join(work, 'dump');
    await generateDump({ users: 60, out: dump, seed: 11, gzip: false, jsonl: false, apiShape: false, pages: 1 });
    dialogs.folders.push(dump);
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'Import folder…' }).click();
    const dumpRow = page.getByTestId('library-table').getByText('dump', { exact: true });
    await dumpRow.waitFor({ timeout: STEP });
    await dumpRow.click();

    const counts = page.getByTestId('counts-table');
    await counts.waitFor({ timeout: STEP });
    const info = await app.handlers['app/info']({});
    expect(info.version).toBe('0.1.0-e2e');

    // The engine counted: real rows, a customer, its users, one user's rule, and the records behind a count.
    await hasText(page.getByTestId('current-source'), 'Recount');
    const customers = counts.locator('.vt-data:not(.provider-row)');
    await expect.poll(() => customers.count()).toBeGreaterThan(0);
    await shot(page, 'counts');

    await customers.first().locator('.vt-td.openable').first().click();
    await page.getByTestId('customer-table').waitFor();
    const customerName = (await page.locator('.view-header h1').innerText()).trim();
    await shot(page, 'customer');

    await page.getByRole('button', { name: 'Users of this customer' }).click();
    const users = page.getByTestId('users-table');
    await expect.poll(() => users.locator('.vt-data:not(.loading)').count(), { timeout: STEP }).toBeGreaterThan(0);
    await page.getByLabel('Status filter').selectOption('Licensed');
    const licensed = users.locator('.vt-data:not(.loading)').first();
    await licensed.waitFor({ timeout: STEP });
    await licensed.locator('.vt-td').first().click();
    const detail = page.getByTestId('user-detail');
    await visible(detail);
    await hasText(page.getByTestId('user-rules'), /Licensed by rules? .*R6\d/);
    await shot(page, 'users');

    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Alt+ArrowLeft');
    await hasText(page.locator('.view-header h1'), customerName);
    // The first count above 0 (a 0 has no records to show).
    let expected = 0;
    for (const cell of await page.getByTestId('customer-table').locator('.vt-td.num.openable').all()) {
      expected = Number((await cell.innerText()).replace(/,/g, ''));
      if (expected > 0) {
        await cell.click();
        break;
      }
    }
    expect(expected).toBeGreaterThan(0);
    await hasText(page.getByTestId('explain-sum'), `adding up to ${expected.toLocaleString('en-US')}`);
    await hasText(page.getByTestId('explain-table').locator('.vt-data').first(), /R\d+/);
    await shot(page, 'explain');
  }, 3 * STEP);

  it('writes the anonymous ZIP from the sample’s detailed CSV, confirms no names, and verifies it', async () => {
    const out = join(work, 'anonymous-out');
    mkdirSync(out);
    await page.keyboard.press('Alt+8');
    await page.getByRole('button', { name: 'Use the sample’s detailed CSV' }).click();
    const preview = page.getByTestId('anonymize-preview');
    await preview.waitFor({ timeout: STEP });
    await hasText(preview, /_anonymous_legacy_.*\.csv/);
    await hasText(preview, '.hash');
    await hasText(page.getByTestId('privacy'), 'no customer, reseller or provider name');
    await shot(page, 'anonymize');

    dialogs.folders.push(out);
    await page.getByRole('button', { name: 'Save ZIP…' }).click();
    const saved = page.getByTestId('anonymize-saved');
    await saved.waitFor({ timeout: STEP });
    await hasText(saved, out);
    await hasText(saved, 'PASS');

    await page.getByRole('button', { name: 'Verify the written ZIP' }).click();
    const findings = page.getByTestId('findings');
    await findings.waitFor({ timeout: STEP });
    await hasText(findings.locator('.file-title'), 'PASS');
    await shot(page, 'verify-anonymous');
  }, STEP);

  it('a later audit of the same platform: Compare highlights the changed cell, Customer shows the trend', async () => {
    // "Next month": the sample's detailed CSV a month later, with one count of Harbor Bank changed (112 → 120).
    const feb = readFileSync(join(SAMPLE, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv'), 'utf8');
    const mar = feb.replace('#Date Time=2024-02-21 05:53', '#Date Time=2024-03-21 05:53').replace(',65d5f0a1b2c3d4e5f6071a01,4,112,', ',65d5f0a1b2c3d4e5f6071a01,4,120,');
    expect(mar).not.toBe(feb);
    const marPath = join(work, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-03-21_0553.csv');
    writeFileSync(marPath, mar);
    dialogs.files.push([marPath]);
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'Import files…' }).click();
    await visible(page.getByTestId('library-table').getByText('vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-03-21_0553.csv'));

    const audits = (await app.handlers['library/list']({})).filter((s) => s.kind === 'audit');
    const febId = audits.find((s) => s.dateTime?.startsWith('2024-02'))!.id;
    const marId = audits.find((s) => s.dateTime?.startsWith('2024-03'))!.id;
    await page.keyboard.press('Alt+7');
    await page.getByLabel('Left audit').selectOption(String(febId));
    await page.getByLabel('Right audit').selectOption(String(marId));
    await page.getByRole('button', { name: 'Compare audits' }).click();
    await hasText(page.getByTestId('compare-summary'), '1 differing cell');
    const diff = page.getByTestId('compare-table').locator('.vt-data').first();
    await hasText(diff, 'Harbor Bank');
    await hasText(diff.locator('.diff-left'), '112');
    await hasText(diff.locator('.diff-right'), '120');
    await diff.locator('.vt-td.openable').first().click();
    await hasText(page.getByTestId('difference'), 'One Phone (No VM & No WebEx & No Spark)');
    await shot(page, 'compare');

    await page.keyboard.press('Alt+1');
    await page.getByTestId('library-table').getByText('vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-03-21_0553.csv').click();
    await page.getByTestId('counts-table').getByText('Harbor Bank').click();
    await visible(page.getByRole('figure', { name: 'Month-over-month trend' }));
    await shot(page, 'customer-trend');
  }, STEP);

  it('lists the keyboard shortcuts on ?', async () => {
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await visible(help);
    await hasText(help, 'Alt+1 … Alt+8');
    await shot(page, 'help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached', timeout: STEP / 2 });
  }, STEP);
});
