import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createInjection } from '@/entrypoints/background/injection';

beforeEach(() => fakeBrowser.reset());

/** Spies on the two calls injection makes; the fake browser implements neither for tabs. */
function spies(options: { scriptPresent: boolean; injectable: boolean }) {
  let present = options.scriptPresent;
  const sendMessage = vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(async () => {
    if (!present) throw new Error('Could not establish connection. Receiving end does not exist.');
    return { ready: true };
  });
  const executeScript = vi
    .spyOn(browser.scripting, 'executeScript')
    .mockImplementation(async () => {
      if (!options.injectable) throw new Error('Cannot access contents of the page.');
      present = true;
      return [];
    });
  return { sendMessage, executeScript };
}

describe('injecting the in-page popup', () => {
  it('injects the script on first use only, then talks to it', async () => {
    const { sendMessage, executeScript } = spies({ scriptPresent: false, injectable: true });
    const injection = createInjection();
    expect(await injection.togglePopup(5)).toBe(true);
    expect(executeScript).toHaveBeenCalledWith({
      target: { tabId: 5, frameIds: [0] },
      files: ['/content-scripts/tag-popup.js'],
    });
    expect(sendMessage).toHaveBeenLastCalledWith(5, { type: 'in-page.toggle' }, { frameId: 0 });
    expect(await injection.togglePopup(5)).toBe(true);
    expect(executeScript).toHaveBeenCalledOnce();
  });

  it('two commands at once on first use inject one script, and both reach it', async () => {
    const { sendMessage, executeScript } = spies({ scriptPresent: false, injectable: true });
    const injection = createInjection();
    expect(
      await Promise.all([
        injection.togglePopup(5),
        injection.showToast(5, { text: 'hi', tone: 'info' }),
      ]),
    ).toEqual([true, true]);
    expect(executeScript).toHaveBeenCalledOnce();
    const commands = sendMessage.mock.calls.map((call) => (call[1] as { type: string }).type);
    expect(commands.filter((type) => type !== 'in-page.ping').sort()).toEqual([
      'in-page.toast',
      'in-page.toggle',
    ]);
  });

  it('says false where the page cannot be touched (chrome:// pages, no grant)', async () => {
    spies({ scriptPresent: false, injectable: false });
    expect(await createInjection().showToast(3, { text: 'hello', tone: 'info' })).toBe(false);
  });
});
