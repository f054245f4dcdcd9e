// First: zod must be set up for MV3 (no `new Function`) before any schema is built.
import '@/utils/zod';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createTargetFollower } from '@/components/page-target';
import uiCss from '@/components/ui.css?inline';
import { readHighLevelUrl } from '@/utils/detect/paths';
import { readContactRows, readSelectionClaim } from '@/utils/detect/rows';
import { selectionFrom } from '@/utils/detect/selection';
import { APP_HOST_PATTERNS } from '@/utils/hosts';
import { backgroundClient } from '@/utils/messages/client';
import { inPageCommandSchema } from '@/utils/messages/protocol';
import { installKeyGuard } from '@/utils/page/key-guard';
import { contentScriptLifetime, onExtensionMessage } from '@/utils/page/lifetime';
import { isFromOurUi } from '@/utils/page/ui-root';
import { InPageApp } from './InPageApp';
import inPageCss from './in-page.css?inline';
import { createInPageStore, type InPageToast } from './in-page-store';
import { mountUiRoot } from './mount';

/**
 * The in-page tag popup, injected on first use (the shortcut, the toolbar's "Open in page",
 * a menu click) with `scripting.executeScript`, on HighLevel's hosts and white-label domains
 * alike. An untrusted context: it asks the background for everything.
 */
export default defineContentScript({
  // Registered at run time only; these hosts are already HighLevel's own host permissions.
  matches: APP_HOST_PATTERNS,
  registration: 'runtime',
  main() {
    const lifetime = contentScriptLifetime();
    installKeyGuard(lifetime);
    const panel = createInPagePanel(lifetime);
    onExtensionMessage(lifetime, (message, sender) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const command = inPageCommandSchema.safeParse(message);
      if (!command.success) return undefined;
      if (command.data.type === 'in-page.toggle') panel.toggle();
      if (command.data.type === 'in-page.open') panel.open(command.data.contact);
      if (command.data.type === 'in-page.bulk') panel.openBulk(command.data);
      if (command.data.type === 'in-page.toast') panel.toast(command.data);
      return Promise.resolve({ ready: true });
    });
  },
});

/** The Navigation API's event (Chromium), not yet in TypeScript's DOM types. */
interface NavigateEvent extends Event {
  destination: { url: string };
}

/** The page's selected contact rows, read from the DOM at this moment. */
async function readPageSelection() {
  return selectionFrom(readContactRows(document), readSelectionClaim(document));
}

function createInPagePanel(lifetime: AbortSignal) {
  const root = mountUiRoot(lifetime, `${uiCss}\n${inPageCss}`);
  const store = createInPageStore();
  let focusBefore: Element | null = null;

  const follow = createTargetFollower(backgroundClient, readPageSelection);
  const refreshTarget = async (url: string) => {
    const target = await follow(url);
    if (target && store.getState().open) store.setState({ target });
  };

  const showOrHide = () => {
    const { open, toast } = store.getState();
    if (open || toast) root.show();
    else root.hide();
  };
  store.subscribe(showOrHide);

  /** Opens on the page's contact, or on one the menu named (a row or a link on this page). */
  function open(contact?: { locationId: string; contactId: string }) {
    if (!store.getState().open) focusBefore = document.activeElement;
    store.setState({ bulkPreset: undefined });
    if (contact) {
      const shown = readHighLevelUrl(location.href);
      const onPage = shown.kind === 'contact' && shown.contactId === contact.contactId;
      store.setState({ open: true, target: { kind: 'contact', ...contact, onPage } });
      return;
    }
    store.setState({ open: true, target: undefined });
    void refreshTarget(location.href);
  }

  /** The bulk panel on the page's selection, these tags chosen (it asks to confirm). */
  function openBulk(preset: { op: 'add' | 'remove'; tags: string[] }) {
    if (!store.getState().open) focusBefore = document.activeElement;
    store.setState({ open: true, target: undefined, bulkPreset: preset });
    void refreshTarget(location.href);
  }

  function close() {
    if (!store.getState().open) return;
    store.setState({ open: false, target: undefined });
    if (focusBefore instanceof HTMLElement) focusBefore.focus();
  }

  // HighLevel switches contacts in-app (history.pushState): follow it, never edit the previous
  // one. The Navigation API reports each navigation with its destination before `location`
  // changes, so no polling. Tags preset for the old page's selection do not carry over.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener(
    'navigate',
    (event) => {
      if (!store.getState().open) return;
      store.setState({ target: undefined, bulkPreset: undefined });
      void refreshTarget((event as NavigateEvent).destination.url);
    },
    { signal: lifetime },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (store.getState().open && !isFromOurUi(event)) close();
    },
    { capture: true, signal: lifetime },
  );

  render(<InPageApp client={backgroundClient} store={store} onClose={close} />, root.mountPoint);
  // Cut off by an update: the UI goes quietly (no "Extension context invalidated").
  lifetime.addEventListener('abort', () => render(null, root.mountPoint), { once: true });

  return {
    open,
    openBulk,
    toggle: () => (store.getState().open ? close() : open()),
    toast: (toast: InPageToast) => store.setState({ toast }),
  };
}
