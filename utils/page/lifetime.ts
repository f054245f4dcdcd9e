import { browser } from 'wxt/browser';
import { SCRIPT_STARTED_EVENT } from './ui-root';

/**
 * How long a content script lives: until the extension is updated or removed, which is when
 * its `runtime.id` disappears. It is checked when a new version's always-on script starts.
 * Unlike WXT's context, whose events the page can dispatch too (the extension's ID is
 * public), the page cannot end it: it can only make it look, and `runtime.id` is still there.
 */
export function contentScriptLifetime(): AbortSignal {
  const lifetime = new AbortController();
  document.addEventListener(
    SCRIPT_STARTED_EVENT,
    () => {
      if (!browser.runtime?.id) lifetime.abort();
    },
    { signal: lifetime.signal },
  );
  return lifetime.signal;
}

/** Listens to the extension's messages for as long as the script lives. */
export function onExtensionMessage(
  lifetime: AbortSignal,
  listener: Parameters<typeof browser.runtime.onMessage.addListener>[0],
) {
  browser.runtime.onMessage.addListener(listener);
  lifetime.addEventListener(
    'abort',
    // After an update the old script's `runtime` may be gone already, its listeners with it.
    () => browser.runtime?.onMessage.removeListener(listener),
    { once: true },
  );
}
