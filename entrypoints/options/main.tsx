// First: zod must be set up for MV3 (no `new Function`) before any schema is built.
import '@/utils/zod';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/pages.css';
import { backgroundClient } from '@/utils/messages/client';
import { App } from './App';
import { createOptionsStore } from './store';

const params = new URLSearchParams(location.search);
const options = createOptionsStore(backgroundClient, (pattern) =>
  browser.permissions.request({ origins: [pattern] }).catch(() => false),
);
const root = document.getElementById('app');
if (root) {
  render(
    <App
      options={options}
      prefill={{
        locationId: params.get('locationId') ?? undefined,
        appOrigin: params.get('appOrigin') ?? undefined,
        domain: params.get('domain') ?? undefined,
      }}
    />,
    root,
  );
}
