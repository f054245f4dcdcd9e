import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { OPEN_POPUP_COMMAND } from './utils/commands';
import { API_HOST_PATTERN, APP_HOST_PATTERNS } from './utils/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every file names what it uses: no auto-imports (SPEC.md, "A layout that shows this").
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Contact Tags for HighLevel',
    description: 'Add, remove and bulk-manage HighLevel contact tags in a keystroke or two.',
    minimum_chrome_version: '120',
    permissions: ['storage', 'contextMenus', 'scripting', 'activeTab', 'alarms'],
    host_permissions: [...APP_HOST_PATTERNS, API_HOST_PATTERN],
    optional_host_permissions: ['https://*/*'],
    // Declared empty: leaving it out would let every other extension message this one.
    externally_connectable: { ids: [], matches: [] },
    action: { default_title: 'Contact tags' },
    options_ui: { open_in_tab: true },
    commands: {
      // Alt+Shift+G is a key Chrome really registers (Alt+Shift+T, for one, is silently dropped).
      [OPEN_POPUP_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+G' },
        description: 'Open the tag popup for the contact on this page',
      },
      // No default keys: users bind them at chrome://extensions/shortcuts.
      ...Object.fromEntries(
        [1, 2, 3, 4, 5, 6, 7, 8, 9].map((position) => [
          `quick-tag-${position}`,
          { description: `Apply quick tag ${position}` },
        ]),
      ),
    },
  },
});
