import { render } from 'preact';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import '@/components/ui.css';
import { backgroundClient } from '@/utils/messages/client';
import { App } from './App';

z.config({ jitless: true });

/** `popup.html?tabId=N` edits tab N (a detached popup or a page has no active tab of its own). */
async function findTab() {
  const tabId = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(tabId) && tabId > 0) return browser.tabs.get(tabId).catch(() => undefined);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

const root = document.getElementById('app');
if (root) {
  render(
    <App
      client={backgroundClient}
      findTab={findTab}
      reloadTab={(tabId) => void browser.tabs.reload(tabId)}
    />,
    root,
  );
}
