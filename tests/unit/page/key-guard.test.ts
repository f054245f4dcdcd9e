// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { installKeyGuard } from '@/utils/page/key-guard';
import { UI_ROOT_ATTRIBUTE } from '@/utils/page/ui-root';

const lifetime = new AbortController();
afterEach(() => document.body.replaceChildren());

function setup() {
  installKeyGuard(lifetime.signal);
  const host = document.createElement('contact-tags-ui');
  host.setAttribute(UI_ROOT_ATTRIBUTE, '');
  const input = document.createElement('input');
  host.attachShadow({ mode: 'open' }).append(input);
  const outside = document.createElement('input');
  document.body.append(host, outside);
  // The page's own shortcut handlers, registered after the guard (as an app's scripts are).
  const pageSaw: string[] = [];
  window.addEventListener('keydown', (event) => pageSaw.push(`window:${event.key}`), true);
  document.addEventListener('keydown', (event) => pageSaw.push(`document:${event.key}`));
  const popupSaw: string[] = [];
  input.addEventListener('keydown', (event) => {
    popupSaw.push(event.key);
    if (event.key === 'Enter') event.preventDefault();
  });
  return { input, outside, pageSaw, popupSaw };
}

const press = (target: EventTarget, key: string) => {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  target.dispatchEvent(event);
  return event;
};

describe('key guard', () => {
  it('keeps keys typed in the popup from the page, while the popup still gets them', () => {
    const { input, pageSaw, popupSaw } = setup();
    press(input, 'g');
    const enter = press(input, 'Enter');
    expect(pageSaw).toEqual([]);
    expect(popupSaw).toEqual(['g', 'Enter']);
    // The popup prevented Enter on its copy: the original's default is prevented too.
    expect(enter.defaultPrevented).toBe(true);
  });

  it('leaves keys typed elsewhere on the page alone', () => {
    const { outside, pageSaw } = setup();
    press(outside, 'k');
    expect(pageSaw).toEqual(['window:k', 'document:k']);
  });
});
