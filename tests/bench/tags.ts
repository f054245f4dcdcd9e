/**
 * 10,000 realistic HighLevel location tags, the same in every run (a seeded generator):
 * lead and client states, sources, campaigns with years and months, services, appointments,
 * VIP tiers, in the mixed spellings real accounts accumulate ("VIP-Client", "vip client",
 * "source:facebook", "Webinar_2024_March", "promo 10% off").
 */

const STATES = ['new', 'hot', 'cold', 'warm', 'lost', 'won', 'nurture', 'follow-up', 'no-show'];
const KINDS = ['lead', 'client', 'patient', 'member', 'prospect', 'customer', 'subscriber'];
const SOURCES = [
  'facebook',
  'instagram',
  'google',
  'google-ads',
  'tiktok',
  'referral',
  'walk-in',
  'website',
  'yelp',
  'linkedin',
  'cold-call',
  'zillow',
];
const CAMPAIGNS = [
  'webinar',
  'spring-sale',
  'black friday',
  'newsletter',
  'summer camp',
  'open house',
  'reactivation',
  'holiday promo',
  'free consult',
  'ebook',
  'challenge',
  'masterclass',
];
const SERVICES = [
  'cleaning',
  'invisalign',
  'whitening',
  'implants',
  'botox',
  'filler',
  'personal training',
  'yoga',
  'roof repair',
  'solar quote',
  'hvac tune-up',
  'mortgage',
  'listing',
  'buyer',
  'seller',
];
const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
  'January',
  'March',
  'October',
];
const TIERS = ['vip', 'VIP', 'gold', 'silver', 'platinum', 'Tier 1', 'tier-2', 'ambassador'];
const WORDS = [
  'due',
  'booked',
  'cancelled',
  'rescheduled',
  'paid',
  'unpaid',
  'trial',
  'active',
  'inactive',
  'interested',
  'not interested',
  'dnd',
  'sms opt-in',
  'email opt-out',
  'review requested',
  'review left',
  'upsell',
  'birthday',
  'anniversary',
];

/** Mulberry32: a small seeded generator, so the tag list is the same in every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function realisticTags(count: number, seed = 20_260_101): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const year = () => String(2019 + Math.floor(next() * 8));
  const join = (parts: string[]) => {
    const separator = pick([' ', '-', '_', ' - ', ': ']);
    const text = parts.join(separator);
    const casing = next();
    if (casing < 0.15) return text.toUpperCase();
    if (casing < 0.35) return text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
    return text;
  };
  const shapes: (() => string)[] = [
    () => join([pick(STATES), pick(KINDS)]),
    () => `source:${pick(SOURCES)}${next() < 0.5 ? `-${year()}` : ''}`,
    () => join([pick(CAMPAIGNS), year(), pick(MONTHS)]),
    () => join([pick(CAMPAIGNS), pick(SOURCES), year()]),
    () => join([pick(SERVICES), pick(WORDS)]),
    () => join([pick(TIERS), pick(KINDS), ...(next() < 0.3 ? [year()] : [])]),
    () => join([pick(SERVICES), pick(STATES), pick(MONTHS), year()]),
    () => `${pick(['#', ''])}${pick(WORDS).replaceAll(' ', '-')}-${Math.floor(next() * 500)}`,
    () => join([pick(KINDS), 'list', String(Math.floor(next() * 200))]),
    () => `promo ${5 + Math.floor(next() * 9) * 5}% off ${pick(SERVICES)}`,
  ];
  const tags = new Set<string>();
  while (tags.size < count) {
    const tag = (pick(shapes) as () => string)();
    if (tag.length <= 100) tags.add(tag);
  }
  return [...tags];
}
