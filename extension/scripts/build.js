/**
 * Builds the extension for each browser from the one source tree:
 *   dist/chrome/, dist/tactful-chrome.zip   (background.service_worker)
 *   dist/firefox/, dist/tactful-firefox.zip (background.scripts, browser_specific_settings)
 * No bundling: the files ship as they are; only the manifest differs.
 */

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Fixed timestamps make the zips reproducible.
const MTIME = new Date('2025-01-01T00:00:00Z');

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(rel)));
    else out.push(rel);
  }
  return out.sort();
}

export function chromeManifest(source) {
  const manifest = structuredClone(source);
  delete manifest.browser_specific_settings;
  manifest.background = { service_worker: source.background.service_worker, type: source.background.type };
  return manifest;
}

export function firefoxManifest(source) {
  const manifest = structuredClone(source);
  manifest.background = { scripts: source.background.scripts, type: source.background.type };
  return manifest;
}

function referencedFiles(manifest) {
  return [
    manifest.background.service_worker,
    ...(manifest.background.scripts ?? []),
    manifest.options_ui?.page,
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
  ].filter(Boolean);
}

/** Write dist/<browser>/ and dist/tactful-<browser>.zip for both browsers. */
export async function build({ quiet = false } = {}) {
  const source = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  const files = [...(await listFiles('src')), ...(await listFiles('icons')).filter((f) => f.endsWith('.png'))];
  const missing = referencedFiles(source).filter((f) => !files.includes(f));
  if (missing.length) throw new Error(`manifest.json refers to missing files: ${missing.join(', ')}`);
  const contents = new Map();
  for (const file of files) contents.set(file, await readFile(path.join(ROOT, file)));

  await rm(DIST, { recursive: true, force: true });
  for (const [browser, manifest] of [['chrome', chromeManifest(source)], ['firefox', firefoxManifest(source)]]) {
    const entries = { 'manifest.json': [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: MTIME }] };
    for (const [file, data] of contents) entries[file] = [new Uint8Array(data), { mtime: MTIME }];
    for (const [file, [data]] of Object.entries(entries)) {
      const target = path.join(DIST, browser, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    const zip = zipSync(entries, { level: 9 });
    const zipPath = path.join(DIST, `tactful-${browser}.zip`);
    await writeFile(zipPath, zip);
    if (!quiet) console.log(`${path.relative(ROOT, zipPath)}: ${Object.keys(entries).length} files, ${(zip.length / 1024).toFixed(1)} KiB`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
