import { describe, expect, it } from 'vitest';
import { readDomain } from '@/utils/settings/domains';

describe('white-label domains', () => {
  it('takes a host or an address-bar URL, reduced to its origin', () => {
    for (const input of [
      'app.myagency.com',
      ' App.MyAgency.com ',
      'https://app.myagency.com/v2/location/Rk7sWq2LmX9dTz4NbV1c/contacts/detail/AAAAAAAAAAAAAAAAAAAA?x=1#y',
      'app.myagency.com.',
    ]) {
      expect(readDomain(input)).toEqual({ ok: true, host: 'app.myagency.com' });
    }
    expect(readDomain('crm.agency.co.uk')).toMatchObject({ ok: true, host: 'crm.agency.co.uk' });
    expect(readDomain('xn--bcher-kva.example')).toMatchObject({ ok: true });
    expect(readDomain('bücher.example')).toMatchObject({ ok: true, host: 'xn--bcher-kva.example' });
  });

  it('refuses bare TLDs, wildcards, IP addresses, HighLevel’s own hosts and junk, in words', () => {
    const refusals: [string, RegExp][] = [
      ['', /Type the domain/],
      ['com', /not a full domain name/],
      ['localhost', /not a full domain name/],
      ['*.myagency.com', /Wildcards/],
      ['https://*/*', /Wildcards/],
      ['192.168.1.10', /IP address/],
      ['https://[::1]/', /IP address/],
      ['app.gohighlevel.com', /HighLevel’s own domains/],
      ['whitelabel.leadconnectorhq.com', /HighLevel’s own domains/],
      ['ftp://files.myagency.com', /Only web addresses/],
      ['not a domain at all', /not a domain/],
      ['-bad-.example.com', /not a domain/],
      ['example.123', /not a domain/],
    ];
    for (const [input, reason] of refusals) {
      const check = readDomain(input);
      expect(check.ok, input).toBe(false);
      if (!check.ok) expect(check.reason, input).toMatch(reason);
    }
  });
});
