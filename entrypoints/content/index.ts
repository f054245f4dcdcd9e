import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contactAt, isRowSelected, readContactRows, readSelectionClaim } from '@/utils/detect/rows';
import { API_HOST_PATTERN, APP_HOST_PATTERNS } from '@/utils/hosts';
import { isReadPage, type PageReading } from '@/utils/messages/page-protocol';
import { installKeyGuard } from '@/utils/page/key-guard';
import { contentScriptLifetime, onExtensionMessage } from '@/utils/page/lifetime';
import { SCRIPT_STARTED_EVENT } from '@/utils/page/ui-root';

/**
 * The always-on content script on HighLevel's hosts (and granted white-label domains). It is
 * untrusted and small: it guards the in-page popup's keystrokes, remembers what was
 * right-clicked and, when the background asks, says what the page shows. Everything is read
 * at the moment of the question, so it follows in-app navigation without watching anything
 * (no timers, no observers).
 */
export default defineContentScript({
  matches: APP_HOST_PATTERNS,
  excludeMatches: [API_HOST_PATTERN],
  // Before the page's own scripts, so the key guard's listener comes first.
  runAt: 'document_start',
  main() {
    // An older version's scripts hear this and, finding their extension gone, go quiet.
    document.dispatchEvent(new CustomEvent(SCRIPT_STARTED_EVENT));
    const lifetime = contentScriptLifetime();
    installKeyGuard(lifetime);

    let rightClicked: PageReading['rightClicked'];
    document.addEventListener(
      'contextmenu',
      (event) => {
        const target = event.target instanceof Element ? event.target : undefined;
        rightClicked = target && {
          contactId: contactAt(target),
          onSelectedRow: isRowSelected(target),
        };
      },
      { capture: true, signal: lifetime },
    );

    onExtensionMessage(lifetime, (message, sender) => {
      if (sender.id !== browser.runtime.id || sender.tab || !isReadPage(message)) {
        return undefined;
      }
      const reading: PageReading = {
        url: location.href,
        rows: readContactRows(document),
        selectionClaim: readSelectionClaim(document),
        rightClicked,
      };
      return Promise.resolve(reading);
    });
  },
});
