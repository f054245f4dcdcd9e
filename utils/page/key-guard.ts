import { isFromOurUi } from './ui-root';

const GUARDED_EVENTS = ['keydown', 'keypress', 'keyup'] as const;
/** One live guard per content-script world, however many scripts install it. */
const INSTALLED = Symbol.for('contact-tags.key-guard');

/**
 * Keeps keystrokes typed in the in-page popup from the page's own shortcuts. A capture
 * listener on `window`, registered before the page's (the always-on script runs at
 * document_start), stops the key event at once and replays a copy inside the popup's
 * shadow root, where the copy cannot escape (it is not composed). Typing still types: the
 * original's default action is only prevented when the popup prevents the copy's.
 */
export function installKeyGuard(lifetime: AbortSignal): void {
  const world = globalThis as { [INSTALLED]?: AbortSignal };
  // A guard whose script was cut off (an update) no longer counts.
  if (world[INSTALLED] && !world[INSTALLED].aborted) return;
  world[INSTALLED] = lifetime;
  for (const type of GUARDED_EVENTS) {
    window.addEventListener(type, guard, { capture: true, signal: lifetime });
  }
}

function guard(event: KeyboardEvent) {
  if (!isFromOurUi(event)) return;
  const origin = event.composedPath()[0];
  event.stopImmediatePropagation();
  if (!origin) return;
  const copy = new KeyboardEvent(event.type, {
    key: event.key,
    code: event.code,
    location: event.location,
    repeat: event.repeat,
    isComposing: event.isComposing,
    ctrlKey: event.ctrlKey,
    shiftKey: event.shiftKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    bubbles: true,
    cancelable: true,
    composed: false,
  });
  origin.dispatchEvent(copy);
  if (copy.defaultPrevented) event.preventDefault();
}
