import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// Debian's chromium (`stack:up` provides it); Playwright's own browser download cannot work offline.
import { chromiumPath as executablePath } from '@events/test-kit/stack-addresses';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { catalogView } from '../src/docs/catalog-view.ts';
import { fixturesDir } from './helpers.ts';

const screenshotsDir = join(import.meta.dirname, '..', 'test-output');
const cli = join(import.meta.dirname, '..', 'cli', 'docs.ts');

describe.each([
  ['shop', join(fixturesDir, 'shop-catalog')],
  ['project', join(import.meta.dirname, '..', '..', '..', 'contracts', 'schemas')],
])('the generated event catalog page of the %s catalog, in headless Chromium', (name, schemasDir) => {
  const outDir = mkdtempSync(join(tmpdir(), `events-docs-${name}-`));
  const topics = catalogView(loadCatalog(schemasDir));
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    if (!existsSync(executablePath))
      throw new Error(`no Chromium at ${executablePath}: run \`npm run stack:up\`, or set CHROMIUM_PATH`);
    // Run the CLI the way a team would, from a folder outside the toolkit.
    execFileSync(
      process.execPath,
      [cli, '--schemas', schemasDir, '--out', outDir, '--title', `${name} events`],
      {
        cwd: outDir,
      },
    );
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    server = createServer((request, response) => {
      const file = join(outDir, request.url === '/' ? 'index.html' : (request.url ?? ''));
      if (!existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(outDir, { recursive: true, force: true });
  });

  it.each([
    ['from a file', () => pathToFileURL(join(outDir, 'index.html')).href],
    ['from a static server', () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`],
  ])('shows every topic and event type with no console errors, %s', async (how, url) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url());

    const shownTopics = await page
      .locator('section.topic')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-topic')));
    expect(shownTopics).toEqual(topics.map((topic) => topic.topic));
    for (const topic of topics) {
      const section = page.locator(`section[data-topic="${topic.topic}"]`);
      const events = await section
        .locator('article.event')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event')));
      expect(events).toEqual(topic.events.map((event) => event.name));
      for (const producer of topic.producers)
        await expect(section.getByText(producer).count()).resolves.toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);

    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({
      path: join(screenshotsDir, `catalog-${name}-${how.replaceAll(' ', '-')}.png`),
      fullPage: true,
    });
    await page.close();
  });
});
