import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LIMITED_TOKEN, SAMPLE, SECOND, WHITE_LABEL_HOST } from '../fake-ghl';
import { EXTENSION_DIR } from './browser';

function builtFiles(dir = EXTENSION_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? builtFiles(full) : [full];
  });
}

test('the shipped build holds no token, test hook or local address', () => {
  const files = builtFiles();
  expect(files.length).toBeGreaterThan(3);
  const forbidden = [
    '127.0.0.1',
    'localhost',
    'fake-ghl',
    'fakeGhl',
    WHITE_LABEL_HOST,
    SAMPLE.token,
    SECOND.token,
    LIMITED_TOKEN,
    SAMPLE.locationId,
    '__e2e',
    '__test',
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const needle of forbidden) {
      expect(
        text.includes(needle),
        `${path.relative(EXTENSION_DIR, file)} contains ${needle}`,
      ).toBe(false);
    }
  }
});

test('the manifest asks for what SPEC.md lists and lets no other extension connect', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect([...manifest.permissions].sort()).toEqual([
    'activeTab',
    'alarms',
    'contextMenus',
    'scripting',
    'storage',
  ]);
  expect(manifest.host_permissions).toContain('https://services.leadconnectorhq.com/*');
  expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  expect(manifest.externally_connectable).toEqual({ ids: [], matches: [] });
  // Our own code listens to no other extension (the polyfill merely wraps the API).
  const sources = ['entrypoints', 'components', 'utils'].flatMap((dir) =>
    builtFiles(path.resolve(dir)),
  );
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    expect(/on(Message|Connect)External/.test(text), file).toBe(false);
  }
});
