import { UI_ROOT_ATTRIBUTE } from '@/utils/page/ui-root';

/**
 * The host of the in-page UI: an element in the page's top layer (a manual popover, so page
 * modals and z-index wars cannot hide it) with an open shadow root holding the inlined CSS.
 * Its own inline styles are `!important`, which beats any page rule aimed at it.
 */
const HOST_STYLE = [
  'position: fixed',
  'inset: 12px 12px auto auto',
  'width: min(380px, calc(100vw - 24px))',
  'max-height: calc(100vh - 24px)',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'background: transparent',
  'overflow: visible',
  'display: block',
  'color-scheme: light dark',
  'font-size: 14px',
  'color: inherit',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

export function mountUiRoot(lifetime: AbortSignal, css: string) {
  // A script of an older version may have left its host behind.
  for (const stale of document.querySelectorAll(`[${UI_ROOT_ATTRIBUTE}]`)) stale.remove();
  const host = document.createElement('contact-tags-ui');
  host.setAttribute(UI_ROOT_ATTRIBUTE, '');
  host.setAttribute('popover', 'manual');
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const mountPoint = document.createElement('div');
  shadow.append(style, mountPoint);
  document.documentElement.append(host);
  lifetime.addEventListener('abort', () => host.remove(), { once: true });
  return {
    host,
    mountPoint,
    show() {
      if (!host.matches(':popover-open')) host.showPopover();
    },
    hide() {
      if (host.matches(':popover-open')) host.hidePopover();
    },
  };
}
