// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentScriptLifetime, onExtensionMessage } from '@/utils/page/lifetime';
import { SCRIPT_STARTED_EVENT } from '@/utils/page/ui-root';

afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('a content script’s lifetime', () => {
  it('ends quietly when a new version starts and the old one’s runtime is already gone', () => {
    const lifetime = contentScriptLifetime();
    const listener = vi.fn();
    onExtensionMessage(lifetime, listener);
    expect(browser.runtime.onMessage.hasListener(listener)).toBe(true);
    // What Chrome leaves an orphaned content script after an update: no runtime at all.
    vi.spyOn(browser, 'runtime', 'get').mockReturnValue(undefined as never);
    const reported: unknown[] = [];
    const report = (event: ErrorEvent) => reported.push(event.error);
    window.addEventListener('error', report);
    document.dispatchEvent(new Event(SCRIPT_STARTED_EVENT));
    window.removeEventListener('error', report);
    expect(lifetime.aborted).toBe(true);
    expect(reported).toEqual([]);
  });
});
