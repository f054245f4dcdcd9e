import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contactAt, isRowSelected, readContactRows, readSelectionClaim } from '@/utils/detect/rows';
import { API_HOST_PATTERN, APP_HOST_PATTERNS } from '@/utils/hosts';
import { isReadPage, type PageReading } from '@/utils/messages/page-protocol';
import { installKeyGuard } from '@/utils/page/key-guard';
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
  main(ctx) {
    installKeyGuard(ctx.signal);
    document.dispatchEvent(new CustomEvent(SCRIPT_STARTED_EVENT));

    let rightClicked: PageReading['rightClicked'];
    ctx.addEventListener(
      document,
      'contextmenu',
      (event) => {
        const target = event.target instanceof Element ? event.target : undefined;
        rightClicked = target && {
          contactId: contactAt(target),
          onSelectedRow: isRowSelected(target),
        };
      },
      { capture: true },
    );

    browser.runtime.onMessage.addListener((message, sender) => {
      if (ctx.isInvalid || sender.id !== browser.runtime.id || sender.tab || !isReadPage(message)) {
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
