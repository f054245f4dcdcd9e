/**
 * White-label domains: an agency's own host for the HighLevel app (e.g. app.myagency.com),
 * granted by the user so the always-on script runs there before they act.
 */

export type DomainCheck = { ok: true; host: string } | { ok: false; reason: string };

/** The match pattern (and permission origin) for every page of a host. */
export function hostPattern(host: string): string {
  return `https://${host}/*`;
}

/** HighLevel's own app hosts are covered without any grant. */
const HIGHLEVEL_SUFFIXES = ['gohighlevel.com', 'leadconnectorhq.com', 'msgsndr.com'];
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Reads what the user typed or pasted: a host name, or an address-bar URL reduced to its
 * origin. Refuses, in words, wildcards, IP addresses, bare top-level domains and junk.
 */
export function readDomain(input: string): DomainCheck {
  const text = input.trim();
  if (text === '')
    return refuse('Type the domain the agency uses for HighLevel, e.g. app.myagency.com.');
  if (text.includes('*'))
    return refuse('Wildcards are not accepted: name one domain, e.g. app.myagency.com.');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return refuse(`‘${shorten(text)}’ is not a domain.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return refuse('Only web addresses (https) can be added.');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || IPV4.test(host))
    return refuse('An IP address cannot be added: use the domain name.');
  const labels = host.split('.');
  if (labels.length < 2)
    return refuse(
      `‘${shorten(host)}’ is not a full domain name: add the part before it, e.g. app.${host}.`,
    );
  if (!labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return refuse(`‘${shorten(text)}’ is not a domain.`);
  }
  if (HIGHLEVEL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return refuse(`${host} is one of HighLevel’s own domains: it works without adding it.`);
  }
  return { ok: true, host };
}

function refuse(reason: string): DomainCheck {
  return { ok: false, reason };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
