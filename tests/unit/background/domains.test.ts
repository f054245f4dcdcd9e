import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDomains } from '@/entrypoints/background/domains';
import { createStores } from '@/utils/storage/stores';
import { createMemoryArea } from '../support/memory-area';

beforeEach(() => fakeBrowser.reset());

/** A stand-in for Chrome's permissions and script registry, which the fake browser lacks. */
function chrome(grantedHosts: string[], registeredHosts: string[], onRevoked = () => {}) {
  const granted = new Set(grantedHosts.map((host) => `https://${host}/*`));
  const registered = new Map(registeredHosts.map((host) => [`always-on:${host}`, host]));
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async ({ origins }) =>
    (origins ?? []).every((origin) => granted.has(origin)),
  );
  vi.spyOn(browser.permissions, 'remove').mockImplementation(async ({ origins }) => {
    for (const origin of origins ?? []) granted.delete(origin);
    onRevoked(); // Chrome's permissions.onRemoved, whose listener syncs.
    return true;
  });
  // Chrome answers from another process: a task later, so concurrent callers overlap.
  vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => {
    const ids = [...registered.keys()];
    await new Promise((answered) => setTimeout(answered));
    return ids.map((id) => ({ id }));
  });
  // Chrome refuses a whole call that names an ID twice over: registered, or not there.
  const register = vi
    .spyOn(browser.scripting, 'registerContentScripts')
    .mockImplementation(async (scripts) => {
      const taken = scripts.find((script) => registered.has(script.id));
      if (taken) throw new Error(`Duplicate script ID '${taken.id}'`);
      for (const script of scripts) registered.set(script.id, script.id);
    });
  vi.spyOn(browser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
    const missing = filter?.ids?.find((id) => !registered.has(id));
    if (missing) throw new Error(`Nonexistent script ID '${missing}'`);
    for (const id of filter?.ids ?? []) registered.delete(id);
  });
  const inject = vi.spyOn(browser.scripting, 'executeScript').mockImplementation(async () => []);
  vi.spyOn(browser.tabs, 'query').mockImplementation(async () => [{ id: 12 } as never]);
  return { registered, register, inject };
}

async function domainsWith(list: string[]) {
  const stores = createStores(createMemoryArea().area);
  await stores.settings.update((settings) => ({ ...settings, domains: list }));
  return createDomains(stores);
}

describe('white-label registrations', () => {
  it('repairs at start: registers granted domains missing a script, drops scripts whose grant is gone', async () => {
    const spies = chrome(['app.granted.com', 'crm.kept.com'], ['crm.kept.com', 'app.revoked.com']);
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
    const spies = chrome(['app.myagency.com'], []);
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
    const spies = chrome(['app.myagency.com', 'crm.other.com'], [], () =>
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
