import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDomains } from '@/entrypoints/background/domains';
import { createStores } from '@/utils/storage/stores';
import { fakeChromeScripting } from '../support/chrome-scripting';
import { createMemoryArea } from '../support/memory-area';

beforeEach(() => fakeBrowser.reset());

async function domainsWith(list: string[]) {
  const stores = createStores(createMemoryArea().area);
  await stores.settings.update((settings) => ({ ...settings, domains: list }));
  return createDomains(stores);
}

describe('white-label registrations', () => {
  it('repairs at start: registers granted domains missing a script, drops scripts whose grant is gone', async () => {
    const spies = fakeChromeScripting(
      ['app.granted.com', 'crm.kept.com'],
      ['crm.kept.com', 'app.revoked.com'],
    );
    const domains = await domainsWith(['app.granted.com', 'crm.kept.com', 'app.revoked.com']);
    await domains.sync();
    expect([...spies.registered.keys()].sort()).toEqual([
      'always-on:app.granted.com',
      'always-on:crm.kept.com',
    ]);
    expect(spies.register.mock.calls[0]?.[0]).toEqual([
      expect.objectContaining({
        id: 'always-on:app.granted.com',
        matches: ['https://app.granted.com/*'],
        js: ['content-scripts/content.js'],
        runAt: 'document_start',
        persistAcrossSessions: true,
      }),
    ]);
    // Tabs already open on the newly registered domain get the script now.
    expect(spies.inject).toHaveBeenCalledWith({
      target: { tabId: 12 },
      files: ['/content-scripts/content.js'],
    });
    expect(await domains.list()).toContainEqual({
      host: 'app.revoked.com',
      granted: false,
      active: false,
    });
  });

  it('adds only a granted domain, and removing it drops script and grant', async () => {
    const spies = fakeChromeScripting(['app.myagency.com'], []);
    const domains = await domainsWith([]);
    await expect(domains.add('app.other.com')).rejects.toThrow(/not granted access/);
    expect(await domains.add('https://app.myagency.com/v2/location/x')).toEqual([
      { host: 'app.myagency.com', granted: true, active: true },
    ]);
    expect(await domains.remove('app.myagency.com')).toEqual([]);
    expect(spies.registered.size).toBe(0);
    expect(await browser.permissions.contains({ origins: ['https://app.myagency.com/*'] })).toBe(
      false,
    );
  });

  it('a removal and the revocation it fires repair between them without an error', async () => {
    const revocationSyncs: Promise<void>[] = [];
    const spies = fakeChromeScripting(['app.myagency.com', 'crm.other.com'], [], () =>
      revocationSyncs.push(domains.sync()),
    );
    const domains = await domainsWith([]);
    await domains.add('app.myagency.com');
    // The revocation's sync runs while remove() goes on to sync.
    expect(await domains.remove('app.myagency.com')).toEqual([]);
    await Promise.all(revocationSyncs);
    expect(revocationSyncs).toHaveLength(1);
    // A grant's onAdded sync while add() syncs too.
    const [afterAdd] = await Promise.all([domains.add('crm.other.com'), domains.sync()]);
    expect(afterAdd).toEqual([{ host: 'crm.other.com', granted: true, active: true }]);
    expect([...spies.registered.keys()]).toEqual(['always-on:crm.other.com']);
  });
});
