import { browser } from 'wxt/browser';
import { ProtocolError } from '@/utils/messages/errors';
import type { DomainView } from '@/utils/messages/protocol';
import { readDomain } from '@/utils/settings/domains';
import type { Stores } from '@/utils/storage/stores';

/** The always-on script, registered at run time for each granted white-label domain. */
const ALWAYS_ON_FILE = 'content-scripts/content.js';
const REGISTRATION_PREFIX = 'always-on:';

export type Domains = ReturnType<typeof createDomains>;

/**
 * White-label domains (SPEC.md "Where it works"): the user grants each origin on the options
 * page (`optional_host_permissions`); the background then registers the always-on script for
 * it, injects it into tabs already open there, and at every start repairs the registrations
 * against what is actually granted (`registerContentScripts` succeeds without the
 * permission but then never injects).
 */
export function createDomains(stores: Stores) {
  const granted = (host: string) =>
    browser.permissions.contains({ origins: [`https://${host}/*`] }).catch(() => false);

  async function registered(): Promise<Set<string>> {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    return new Set(
      scripts
        .filter((script) => script.id.startsWith(REGISTRATION_PREFIX))
        .map((script) => script.id.slice(REGISTRATION_PREFIX.length)),
    );
  }

  /** Makes the registrations match the granted domains of the list. */
  async function sync(): Promise<void> {
    const { domains } = await stores.settings.read();
    const wanted = new Set<string>();
    for (const host of domains) if (await granted(host)) wanted.add(host);
    const present = await registered();
    const stale = [...present].filter((host) => !wanted.has(host));
    if (stale.length > 0) {
      await browser.scripting.unregisterContentScripts({
        ids: stale.map((host) => REGISTRATION_PREFIX + host),
      });
    }
    const missing = [...wanted].filter((host) => !present.has(host));
    if (missing.length > 0) {
      await browser.scripting.registerContentScripts(
        missing.map((host) => ({
          id: REGISTRATION_PREFIX + host,
          matches: [`https://${host}/*`],
          js: [ALWAYS_ON_FILE],
          runAt: 'document_start' as const,
          persistAcrossSessions: true,
        })),
      );
      for (const host of missing) await injectIntoOpenTabs(host);
    }
  }

  async function injectIntoOpenTabs(host: string) {
    const tabs = await browser.tabs.query({ url: `https://${host}/*` });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id }, files: [`/${ALWAYS_ON_FILE}`] })
        .catch(() => undefined); // A tab mid-navigation gets the registered script anyway.
    }
  }

  async function list(): Promise<DomainView[]> {
    const { domains } = await stores.settings.read();
    const present = await registered();
    return Promise.all(
      domains.map(async (host) => ({
        host,
        granted: await granted(host),
        active: present.has(host),
      })),
    );
  }

  /** Adds a domain the user has just granted on the options page. */
  async function add(input: string): Promise<DomainView[]> {
    const domain = readDomain(input);
    if (!domain.ok) throw new ProtocolError('refused', domain.reason);
    if (!(await granted(domain.host))) {
      throw new ProtocolError(
        'refused',
        `Chrome has not granted access to ${domain.host}: allow it when Chrome asks.`,
      );
    }
    await stores.settings.update((settings) => ({
      ...settings,
      domains: settings.domains.includes(domain.host)
        ? settings.domains
        : [...settings.domains, domain.host].sort(),
    }));
    await sync();
    return list();
  }

  async function remove(host: string): Promise<DomainView[]> {
    await stores.settings.update((settings) => ({
      ...settings,
      domains: settings.domains.filter((kept) => kept !== host),
    }));
    await browser.permissions.remove({ origins: [`https://${host}/*`] }).catch(() => false);
    await sync();
    return list();
  }

  return { sync, list, add, remove };
}
