/**
 * Host names the fake answers for. The server routes by the `Host` header, so one port serves
 * the API and the app pages; Chromium reaches it through `--host-resolver-rules`.
 */

export const API_HOST = 'services.leadconnectorhq.com';
export const APP_HOST = 'app.gohighlevel.com';
/** Stands for an agency's white-label domain pointed at the app. */
export const WHITE_LABEL_HOST = 'crm.example.com';

/** Every host Chromium must map to the fake (the order of the resolver rules). */
export const MAPPED_HOSTS: readonly string[] = [API_HOST, APP_HOST, WHITE_LABEL_HOST];

export type HostRole = 'api' | 'app' | 'unknown';

/** Strips the port (and IPv6 brackets) from a Host header. */
export function hostName(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const lower = hostHeader.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

function isBareAddress(name: string): boolean {
  return name === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * Which part of the fake a request is for.
 * A bare IP or `localhost` counts as the API host, so Node's fetch can use `apiBaseUrl` without
 * setting a Host header (which fetch does not allow).
 */
export function hostRole(hostHeader: string | undefined): HostRole {
  const name = hostName(hostHeader);
  if (name === API_HOST || isBareAddress(name)) return 'api';
  if (name === WHITE_LABEL_HOST || name.endsWith('.gohighlevel.com')) return 'app';
  // HighLevel's other app domains (README "The web app"); the API host was handled above.
  if (name.endsWith('.leadconnectorhq.com') || name.endsWith('.msgsndr.com')) return 'app';
  return 'unknown';
}

/** The value for Chromium's `--host-resolver-rules`. */
export function hostResolverRules(address: string, port: number): string {
  const target = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  return MAPPED_HOSTS.map((host) => `MAP ${host} ${target}`).join(', ');
}
