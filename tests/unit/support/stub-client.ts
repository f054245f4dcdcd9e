import type { BackgroundClient } from '@/utils/messages/client';
import type { AnswerOf, ContactView, PushedEvent, RequestType } from '@/utils/messages/protocol';

type Handler = (payload: Record<string, unknown>) => unknown;

/**
 * A stand-in for the background: answers requests from handlers the test gives, records
 * every request, and lets the test push events to listeners.
 */
export function createStubClient(handlers: Partial<Record<RequestType, Handler>>) {
  const requests: { type: RequestType; payload: Record<string, unknown> }[] = [];
  const listeners = new Set<(event: PushedEvent) => void>();
  const client: BackgroundClient = {
    async ask(type, payload) {
      requests.push({ type, payload: payload as Record<string, unknown> });
      const handler = handlers[type];
      if (!handler)
        return { ok: false, error: { kind: 'internal', message: `no stub for ${type}` } };
      try {
        return {
          ok: true,
          value: handler(payload as Record<string, unknown>) as AnswerOf<typeof type>,
        };
      } catch (error) {
        return { ok: false, error: { kind: 'refused', message: (error as Error).message } };
      }
    },
    listen(_subscriptions, onEvent) {
      listeners.add(onEvent);
      return () => listeners.delete(onEvent);
    },
  };
  return {
    client,
    requests,
    of: (type: RequestType) =>
      requests.filter((request) => request.type === type).map((r) => r.payload),
    push: (event: PushedEvent) => {
      for (const listener of listeners) listener(event);
    },
  };
}

export function contactView(tags: string[], extra: Partial<ContactView> = {}): ContactView {
  return {
    locationId: 'Rk7sWq2LmX9dTz4NbV1c',
    contactId: 'AdaLovelace000000000',
    name: 'Ada Lovelace',
    chips: tags.map((tag) => ({ tag, state: 'saved' as const })),
    pending: [],
    loaded: true,
    ...extra,
  };
}
