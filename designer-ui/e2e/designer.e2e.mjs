// @ts-check
// Browser test of the designer against a running Tessera (base URL in TESSERA_URL).
// Uses the machine's Chromium through playwright-core; Playwright never downloads a browser here.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.TESSERA_URL ?? '').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'out');
const STEP_TIMEOUT_MS = 30_000;
const TOTAL_TIMEOUT_MS = 180_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ name: string, run: (page: Page) => Promise<void> }} Check */

/** @param {boolean} condition @param {string} message */
function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Text of the entity cards' headings, in page order. @param {Page} page */
async function entityLabels(page) {
  await page.locator('article[data-entity="customer"]').waitFor();
  return page.locator('article[data-entity] h3').allInnerTexts();
}

/** @param {Page} page @param {string} name @param {string} label */
async function expectEntity(page, name, label) {
  const heading = page.locator(`article[data-entity="${name}"] h3`);
  expect((await heading.count()) === 1, `entity "${name}" is not listed on the home page`);
  const text = (await heading.innerText()).trim();
  expect(text === label, `entity "${name}" shows label "${text}", expected "${label}"`);
}

/** Waits until GraphiQL's response pane contains `needle`; returns the pane's text. @param {Page} page @param {string} needle */
async function responseContaining(page, needle) {
  const pane = page.locator('.graphiql-response');
  await pane.waitFor();
  await page.waitForFunction(
    (wanted) => (document.querySelector('.graphiql-response')?.textContent ?? '').replace(/\s/g, '').includes(wanted),
    needle.replace(/\s/g, ''),
    { timeout: STEP_TIMEOUT_MS },
  );
  return (await pane.innerText()).replace(/\s+/g, ' ');
}

/** @param {Page} page */
async function waitForQueryEditor(page) {
  await page.locator('.graphiql-container').waitFor();
  await page.locator('.graphiql-query-editor .monaco-editor .view-lines').waitFor();
}

/** @type {Check[]} */
const CHECKS = [
  {
    name: 'home page lists the starter entities in Chinese (zh-CN)',
    run: async (page) => {
      await page.goto(`${BASE_URL}/`);
      const title = await page.locator('h1').innerText();
      expect(title.includes('设计器'), `zh-CN title expected, got "${title}"`);
      const labels = await entityLabels(page);
      expect(labels.length >= 2, `expected at least 2 entities, got ${JSON.stringify(labels)}`);
      await expectEntity(page, 'customer', '客户');
      await expectEntity(page, 'company', '公司');
      const version = await page.getByTestId('metadata-version').innerText();
      expect(/\d/.test(version), `metadata version not shown (got "${version}")`);
    },
  },
  {
    name: 'switching to English relabels the entities',
    run: async (page) => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('h1', { hasText: 'Tessera Designer' }).waitFor();
      await expectEntity(page, 'customer', 'Customer');
      await expectEntity(page, 'company', 'Company');
    },
  },
  {
    name: 'GraphiQL runs { metadataVersion } with Ctrl-Enter',
    run: async (page) => {
      await page.getByRole('link', { name: 'Open GraphiQL' }).click();
      await page.waitForURL(/\/graphiql/);
      await waitForQueryEditor(page);
      await page.locator('.graphiql-query-editor .view-lines').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('{ metadataVersion }');
      await page.keyboard.press('Control+Enter');
      const text = await responseContaining(page, '"metadataVersion":');
      expect(/"metadataVersion":\s*\d+/.test(text), `unexpected GraphiQL response: ${text}`);
    },
  },
  {
    name: "an entity's GraphiQL link opens and runs its list query",
    run: async (page) => {
      await page.goto(`${BASE_URL}/`);
      await page.locator('article[data-entity="company"] a[href^="/graphiql?query="]').click();
      await page.waitForURL(/\/graphiql\?query=/);
      await waitForQueryEditor(page);
      await page.locator('.graphiql-query-editor .view-lines', { hasText: 'companies' }).waitFor();
      await page.locator('button.graphiql-execute-button').click();
      const text = await responseContaining(page, '"totalCount":');
      expect(!text.includes('"errors"'), `the sample list query failed: ${text}`);
    },
  },
  {
    name: "GraphiQL's documentation explorer loads the schema (standard introspection passes the limits)",
    run: async (page) => {
      await page.goto(`${BASE_URL}/graphiql`);
      await waitForQueryEditor(page);
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const explorer = page.locator('.graphiql-doc-explorer');
      await explorer.getByText('Root Types').waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await explorer.innerText();
      expect(!text.includes('Error fetching schema'), `the docs pane could not load the schema: ${text}`);
      expect(/query\s*:\s*Query/.test(text), `the docs pane shows no Query root type: ${text}`);
    },
  },
  {
    name: 'graphql-js builds the client schema from introspection, as code generators and Apollo do',
    run: async () => {
      const { getIntrospectionQuery, buildClientSchema, printSchema } = await import('graphql');
      const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
        schemaDescription: true, inputValueDeprecation: true });
      const response = await fetch(`${BASE_URL}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      const type = response.headers.get('content-type') ?? '';
      expect(response.status === 200 && type.startsWith('application/graphql-response+json'),
        `introspection answered ${response.status} ${type}`);
      const body = await response.json();
      expect(!body.errors, `introspection failed: ${JSON.stringify(body.errors)}`);
      const sdl = printSchema(buildClientSchema(body.data));
      expect(/scalar Decimal\s+@specifiedBy/.test(sdl), 'Decimal carries no @specifiedBy');
      expect(/scalar DateTime\s+@specifiedBy/.test(sdl), 'DateTime carries no @specifiedBy');
      expect(/type Customer implements Node/.test(sdl), 'Customer does not implement Node');
      expect(/employees: Int\b/.test(sdl), 'an integer number field is not an Int');
    },
  },
];

/** @param {Page} page @param {number} index */
async function screenshot(page, index) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `failure-${index + 1}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => undefined);
  return file;
}

async function main() {
  if (!BASE_URL) {
    console.error('Set TESSERA_URL to the running app, e.g. TESSERA_URL=http://127.0.0.1:8080');
    return 2;
  }
  const profile = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    timeout: STEP_TIMEOUT_MS,
  });
  /** @type {string[]} */
  const browserErrors = [];
  let passed = 0;
  let failed = 0;
  try {
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && browserErrors.push(`console: ${msg.text()}`));
    for (const [index, check] of CHECKS.entries()) {
      try {
        await check.run(page);
        passed++;
        console.log(`ok   ${check.name}`);
      } catch (error) {
        failed++;
        const file = await screenshot(page, index);
        console.error(`FAIL ${check.name}\n     ${error instanceof Error ? error.message : String(error)}`);
        console.error(`     url: ${page.url()}\n     screenshot: ${file}`);
        browserErrors.slice(-10).forEach((line) => console.error(`     ${line}`));
        break;
      }
    }
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
  const skipped = CHECKS.length - passed - failed;
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  console.error(`designer e2e: gave up after ${TOTAL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

main()
  .then((code) => {
    clearTimeout(watchdog);
    process.exitCode = code;
  })
  .catch((error) => {
    console.error('designer e2e: could not run:', error);
    process.exit(1);
  });
