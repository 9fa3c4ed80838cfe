/**
 * Meta-tests: the manifest points at files that exist, every module the content script
 * imports is web-accessible, every adapter documents where to try it and uses selectors
 * the extractor can skip safely, and message names are unique.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_ADAPTERS } from '../../src/content/adapters/index.js';
import { UNNAMED_TAGS } from '../../src/content/text/extract-html.js';
import { Msg, CONTENT_MESSAGES } from '../../src/shared/messages.js';
import { parseHtml } from '../helpers/mini-dom.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));

async function exists(file) {
  return stat(path.join(ROOT, file)).then(() => true, () => false);
}

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(rel)));
    else out.push(rel);
  }
  return out;
}

/** A web_accessible_resources pattern: `*` matches within one path segment. */
function globMatches(pattern, file) {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(file);
}

test('manifest: every referenced file exists', async () => {
  const files = [
    manifest.background.service_worker,
    ...manifest.background.scripts,
    manifest.options_ui.page,
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon),
  ];
  for (const file of files) assert.ok(await exists(file), file);
});

test('manifest: valid for Chrome and Firefox from one source', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.type, 'module');
  assert.equal(manifest.background.service_worker, manifest.background.scripts[0]);
  assert.ok(manifest.browser_specific_settings.gecko.id);
  assert.equal(manifest.content_scripts, undefined, 'content scripts are registered at run time for enabled sites only');
  assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*'], 'only the default server origin up front');
});

test('every content module is web-accessible (the loader imports them at run time)', async () => {
  const patterns = manifest.web_accessible_resources.flatMap((w) => w.resources);
  const modules = [...(await filesUnder('src/content')), ...(await filesUnder('src/shared'))].filter((f) => f.endsWith('.js'));
  for (const file of modules) assert.ok(patterns.some((p) => globMatches(p, file)), `${file} is not web-accessible`);
});

test('the content script never uses innerHTML, outerHTML, insertAdjacentHTML or document.write', async () => {
  const files = [...(await filesUnder('src/content')), ...(await filesUnder('src/options'))].filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const source = await readFile(path.join(ROOT, file), 'utf8');
    assert.doesNotMatch(source, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, file);
  }
});

test('the content script never reads storage (the token stays in the background)', async () => {
  for (const file of (await filesUnder('src/content')).filter((f) => f.endsWith('.js'))) {
    assert.doesNotMatch(await readFile(path.join(ROOT, file), 'utf8'), /storage\./, file);
  }
});

test('each adapter has its own file with a header listing URLs to try it on', async () => {
  const ids = ALL_ADAPTERS.map((a) => a.id);
  assert.deepEqual(ids, ['gmail', 'outlook', 'roundcube', 'generic']);
  for (const id of ids) {
    const source = await readFile(path.join(ROOT, `src/content/adapters/${id}.js`), 'utf8');
    const header = source.slice(0, source.indexOf('*/'));
    assert.match(header, /Try it on:/, id);
    assert.match(header, /https:\/\//, id);
  }
});

test('adapter selectors parse, and each names an attribute, class, id or a tag the extractor checks', () => {
  const probe = parseHtml('<div class="x"></div>').childNodes[0];
  for (const adapter of ALL_ADAPTERS) {
    for (const selector of [adapter.exclude, adapter.stopAt].filter(Boolean)) {
      probe.matches(selector); // throws on syntax the tests' DOM (and so the review) cannot follow
      for (const part of selector.split(',').map((p) => p.trim())) {
        const tag = /^[a-z]+/i.exec(part)?.[0]?.toUpperCase();
        assert.ok(/[.#[]/.test(part) || (tag && !UNNAMED_TAGS.has(tag)), `${adapter.id}: "${part}" would be skipped on bare elements`);
      }
    }
  }
});

test('message names are unique and content scripts may send only the content protocol', () => {
  const names = Object.values(Msg);
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual([...CONTENT_MESSAGES].sort(), [Msg.DISABLE_RULE, Msg.FEEDBACK, Msg.HELLO, Msg.REVIEW].sort());
});

test('the build writes one manifest per browser from the source', async () => {
  const { chromeManifest, firefoxManifest } = await import('../../scripts/build.js');
  const chrome = chromeManifest(manifest);
  const firefox = firefoxManifest(manifest);
  assert.deepEqual(chrome.background, { service_worker: 'src/background/service-worker.js', type: 'module' });
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.deepEqual(firefox.background, { scripts: ['src/background/service-worker.js'], type: 'module' });
  assert.equal(firefox.browser_specific_settings.gecko.id, manifest.browser_specific_settings.gecko.id);
});
