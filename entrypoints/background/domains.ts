import { browser } from 'wxt/browser';
import { ProtocolError } from '@/utils/messages/errors';
import type { DomainView } from '@/utils/messages/protocol';
import { hostPattern, readDomain } from '@/utils/settings/domains';
import type { Stores } from '@/utils/storage/stores';
import { ALWAYS_ON_SCRIPT, injectAlwaysOn } from './injection';

/** The always-on script is registered at run time for each granted white-label domain. */
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
    browser.permissions.contains({ origins: [hostPattern(host)] }).catch(() => false);

  async function registered(): Promise<Set<string>> {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    return new Set(
      scripts
        .filter((script) => script.id.startsWith(REGISTRATION_PREFIX))
        .map((script) => script.id.slice(REGISTRATION_PREFIX.length)),
    );
  }

  let syncing = Promise.resolve();

  /**
   * Makes the registrations match the granted domains of the list. One at a time: a grant or
   * revocation fires a sync of its own while add() or remove() runs theirs, and two that read
   * the same registrations would both (un)register the same script, which Chrome refuses.
   */
  function sync(): Promise<void> {
    const run = syncing.then(syncNow, syncNow);
    syncing = run.catch(() => undefined);
    return run;
  }

  async function syncNow(): Promise<void> {
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
          matches: [hostPattern(host)],
          js: [ALWAYS_ON_SCRIPT],
          runAt: 'document_start' as const,
          persistAcrossSessions: true,
        })),
      );
      await injectAlwaysOn(missing.map(hostPattern));
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
    await browser.permissions.remove({ origins: [hostPattern(host)] }).catch(() => false);
    await sync();
    return list();
  }

  return { sync, list, add, remove };
}
