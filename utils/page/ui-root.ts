/** The attribute on the element that hosts the extension's in-page UI (an open shadow root). */
export const UI_ROOT_ATTRIBUTE = 'data-ghl-tags-root';

/** Whether an event came from inside the extension's in-page UI. */
export function isFromOurUi(event: Event): boolean {
  return event
    .composedPath()
    .some((node) => node instanceof Element && node.hasAttribute(UI_ROOT_ATTRIBUTE));
}

/**
 * Dispatched on `document` when the always-on script starts. After an update it is injected
 * anew, and a script of the previous version hearing this finds its context gone.
 */
export const SCRIPT_STARTED_EVENT = 'contact-tags:script-started';
