import { browser } from 'wxt/browser';
import {
  type Answer,
  answerSchemaFor,
  EVENTS_PORT,
  eventSchema,
  type Failure,
  type PushedEvent,
  type RequestOf,
  type RequestType,
  type Subscription,
} from './protocol';

/**
 * How pages and the in-page popup talk to the background. The UI depends on this
 * interface, not on `browser`, so components can be tested with a stand-in.
 */
export interface BackgroundClient {
  ask<T extends RequestType>(type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<Answer<T>>;
  /** Hear about topics; re-subscribes (and calls onResume) after the worker restarts. */
  listen(
    subscriptions: Subscription[],
    onEvent: (event: PushedEvent) => void,
    onResume?: () => void,
  ): () => void;
}

const PORT_MIN_LIFETIME_MS = 1_000;
const RECONNECT_FIRST_MS = 200;
const RECONNECT_MAX_MS = 5_000;

const UNREACHABLE: Failure = {
  ok: false,
  error: {
    kind: 'internal',
    message: 'The extension was updated or restarted: close this panel and open it again.',
  },
};

const GARBLED: Failure = {
  ok: false,
  error: { kind: 'internal', message: 'The extension answered in an unexpected form.' },
};

export const backgroundClient: BackgroundClient = {
  async ask(type, payload) {
    let raw: unknown;
    try {
      raw = await browser.runtime.sendMessage({ ...payload, type });
    } catch {
      return UNREACHABLE;
    }
    const parsed = answerSchemaFor(type).safeParse(raw);
    return parsed.success ? (parsed.data as Answer<typeof type>) : GARBLED;
  },

  listen(subscriptions, onEvent, onResume) {
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    let stopped = false;
    /** Ports that died young in a row: a worker stopping as we connect, or a refusal. */
    let shortLived = 0;
    const open = (resumed: boolean) => {
      const openedAt = Date.now();
      try {
        port = browser.runtime.connect({ name: EVENTS_PORT });
      } catch {
        return; // The extension context is gone; nothing more will come.
      }
      port.onMessage.addListener((message: unknown) => {
        const event = eventSchema.safeParse(message);
        if (event.success) onEvent(event.data);
      });
      // The worker stops when idle, or is stopped, and takes the port with it: come back while
      // still wanted, waiting longer each time a port dies young, so a refusal cannot spin.
      port.onDisconnect.addListener(() => {
        if (stopped) return;
        shortLived = Date.now() - openedAt > PORT_MIN_LIFETIME_MS ? 0 : shortLived + 1;
        const delay =
          shortLived === 0
            ? 0
            : Math.min(RECONNECT_FIRST_MS * 2 ** (shortLived - 1), RECONNECT_MAX_MS);
        setTimeout(() => {
          if (!stopped) open(true);
        }, delay);
      });
      for (const subscription of subscriptions) port.postMessage(subscription);
      if (resumed) onResume?.();
    };
    open(false);
    return () => {
      stopped = true;
      try {
        port?.disconnect();
      } catch {
        // The extension was updated meanwhile: the port is already gone.
      }
    };
  },
};
