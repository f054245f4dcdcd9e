/**
 * The keyboard command that opens (or closes) the in-page popup: its name in the manifest
 * (wxt.config.ts), in the background's command handler and on the options page.
 */
export const OPEN_POPUP_COMMAND = 'open-tag-popup';
