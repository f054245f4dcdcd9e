// First: zod must be set up for MV3 (no `new Function`) before any schema is built.
import '@/utils/zod';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/ui.css';
import { isHighLevelId } from '@/utils/detect/ids';
import { isHighLevelPath } from '@/utils/detect/paths';
import { backgroundClient } from '@/utils/messages/client';
import { hostPattern, readDomain } from '@/utils/settings/domains';
import { App } from './App';

const params = new URLSearchParams(location.search);

/**
 * `popup.html?locationId=L&contactId=C` edits that contact (the menu's "Edit tags..." on a
 * link to another sub-account's contact); IDs that are not HighLevel's are ignored.
 */
function namedContact() {
  const locationId = params.get('locationId') ?? '';
  const contactId = params.get('contactId') ?? '';
  return isHighLevelId(locationId) && isHighLevelId(contactId)
    ? { locationId, contactId }
    : undefined;
}

/** `popup.html?tabId=N` edits tab N (a detached popup or a page has no active tab of its own). */
async function findTab() {
  const tabId = Number(params.get('tabId'));
  if (Number.isInteger(tabId) && tabId > 0) return browser.tabs.get(tabId).catch(() => undefined);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

/** An agency domain showing HighLevel's paths, not yet allowed for the always-on script. */
async function domainToOffer(url: string | undefined) {
  if (!url || !isHighLevelPath(url)) return undefined;
  const domain = readDomain(url);
  if (!domain.ok) return undefined; // HighLevel's own hosts, IP addresses and the like.
  const granted = await browser.permissions
    .contains({ origins: [hostPattern(domain.host)] })
    .catch(() => true);
  return granted ? undefined : domain.host;
}

function openDomainOptions(domain: string) {
  void browser.tabs.create({
    url: browser.runtime.getURL(`/options.html?domain=${encodeURIComponent(domain)}`),
  });
  window.close();
}

const root = document.getElementById('app');
if (root) {
  render(
    <App
      client={backgroundClient}
      namedContact={namedContact()}
      findTab={findTab}
      reloadTab={(tabId) => void browser.tabs.reload(tabId)}
      domainToOffer={domainToOffer}
      openDomainOptions={openDomainOptions}
    />,
    root,
  );
}
