/** HighLevel's own app hosts, where the always-on content script runs without any grant. */
export const APP_HOST_PATTERNS = [
  'https://*.gohighlevel.com/*',
  'https://*.leadconnectorhq.com/*',
  'https://*.msgsndr.com/*',
];

export const API_ORIGIN = 'https://services.leadconnectorhq.com';
export const API_HOST_PATTERN = `${API_ORIGIN}/*`;

/** Where a sub-account's Private Integration Tokens are made (on the app host the user works on). */
export function privateIntegrationsUrl(
  locationId: string,
  appOrigin = 'https://app.gohighlevel.com',
) {
  return `${appOrigin}/v2/location/${encodeURIComponent(locationId)}/settings/private-integrations`;
}
