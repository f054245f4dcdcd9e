import { render } from 'preact';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import '@/components/pages.css';
import { backgroundClient } from '@/utils/messages/client';
import { App } from './App';
import { createOptionsStore } from './store';

z.config({ jitless: true });

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
