import { createStore } from 'zustand/vanilla';
import type { PageTarget } from '@/components/page-target';

export interface InPageToast {
  text: string;
  tone: 'info' | 'error';
  changeId?: string;
  undoUntil?: number;
}

export interface InPageState {
  open: boolean;
  /** What the popup edits; re-read on every in-app navigation. */
  target?: PageTarget;
  /** A toast shown without the popup (quick tags, commands). */
  toast?: InPageToast;
}

export const createInPageStore = () => createStore<InPageState>(() => ({ open: false }));
export type InPageStore = ReturnType<typeof createInPageStore>;
