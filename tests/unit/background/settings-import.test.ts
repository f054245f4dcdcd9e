import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportSettings } from '@/utils/settings/transfer';
import { defaultSettings } from '@/utils/storage/schemas';
import { SAMPLE, SECOND } from '../../fake-ghl';
import { startBackground } from '../support/background';
import { fakeChromeScripting } from '../support/chrome-scripting';
import { useFakeGhl } from '../support/fake-ghl';

const fake = useFakeGhl();

beforeEach(() => fakeBrowser.reset());

describe('importing a settings file', () => {
  it('names this browser’s connections and runs exactly the granted domains the file lists', async () => {
    const chrome = fakeChromeScripting(['crm.kept.com', 'app.granted.com'], ['crm.dropped.com']);
    const background = startBackground(fake());
    await background.ask({
      type: 'connections.save',
      locationId: SAMPLE.locationId,
      token: SAMPLE.token,
    });
    const file = exportSettings(
      { ...defaultSettings(), domains: ['app.granted.com', 'crm.kept.com'] },
      {
        [SAMPLE.locationId]: 'Sunrise Dental',
        [SECOND.locationId]: 'Harbor Fitness', // No token here for it: nothing to name.
      },
    );

    const imported = await background.ask({ type: 'settings.import', text: JSON.stringify(file) });

    expect(imported.ok).toBe(true);
    const listed = await background.ask({ type: 'connections.list' });
    expect(listed).toMatchObject({
      ok: true,
      value: { connections: [{ locationId: SAMPLE.locationId, name: 'Sunrise Dental' }] },
    });
    expect([...chrome.registered.keys()].sort()).toEqual([
      'always-on:app.granted.com',
      'always-on:crm.kept.com',
    ]);
  });
});
