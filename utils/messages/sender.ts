import { locationOfUrl } from '../detect/paths';

/** The parts of `runtime.MessageSender` the checks read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type Caller =
  | { kind: 'extension-page' }
  | { kind: 'content-script'; tabId: number; url: string; locationId?: string };

/**
 * Who sent a message (SPEC.md "Messages": the sender is checked on every message). Only
 * this extension's own contexts are answered: its pages, and its content scripts, which
 * act only within the location of the page they run in.
 */
export function identifySender(
  sender: SenderInfo,
  extension: { id: string; origin: string },
): Caller | undefined {
  if (sender.id !== extension.id || !sender.url) return undefined;
  if (sender.url.startsWith(extension.origin)) return { kind: 'extension-page' };
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return undefined;
  return { kind: 'content-script', tabId, url: sender.url, locationId: locationOfUrl(sender.url) };
}
