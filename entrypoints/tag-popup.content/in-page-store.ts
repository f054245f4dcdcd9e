import { createStore } from 'zustand/vanilla';
import type { PageTarget } from '@/components/page-target';
import type { InPageToast } from '@/utils/messages/protocol';

export type { InPageToast };

export interface InPageState {
  open: boolean;
  /** What the popup edits; re-read on every in-app navigation. */
  target?: PageTarget;
  /** A toast shown without the popup (quick tags, commands). */
  toast?: InPageToast;
  /** Tags chosen before the bulk panel opened (a quick tag on a big selection). */
  bulkPreset?: { op: 'add' | 'remove'; tags: string[] };
}

export const createInPageStore = () => createStore<InPageState>(() => ({ open: false }));
export type InPageStore = ReturnType<typeof createInPageStore>;
