/**
 * The data every test starts from (and `reset()` restores). Exported so tests name things
 * (`SAMPLE.contacts.ada.id`, `SAMPLE.token`) instead of repeating literals.
 *
 * IDs are derived from stable names (ids.ts), so they are the same in every run.
 * E-mail domains are the reserved example.* ones and phone numbers are in the fictional
 * 555-01xx range, so nothing here reaches a real person.
 */
import { firestoreIdFor } from './ids';
import { ALL_SCOPES, type Scope } from './types';

export interface SeedContact {
  readonly id: string;
  readonly firstName: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly companyName?: string;
  readonly tags: readonly string[];
  readonly dateAdded: string;
  readonly deleted?: boolean;
}

type ContactFields = Omit<SeedContact, 'id' | 'dateAdded'>;

export interface SeedConversation {
  readonly id: string;
  readonly contactId: string;
  /** 1 SMS, 2 e-mail (the document's `type` numbers). */
  readonly type: number;
  readonly unreadCount: number;
  readonly starred: boolean;
  readonly messages: readonly {
    readonly direction: 'inbound' | 'outbound';
    readonly body: string;
  }[];
}

export interface SeedOpportunity {
  readonly id: string;
  readonly contactId: string;
  readonly name: string;
  readonly monetaryValue: number;
  readonly status: 'open' | 'won' | 'lost' | 'abandoned';
}

export interface SeedToken {
  readonly token: string;
  readonly locationId: string;
  readonly scopes: readonly Scope[];
}

/** One calendar day apart per contact, so "newest first" orders are predictable. */
function dateAddedFor(index: number): string {
  return new Date(Date.UTC(2024, 2, 1, 15, 30) + index * 86_400_000).toISOString();
}

function defineContacts<Key extends string>(
  locationKey: string,
  rows: Record<Key, ContactFields>,
): Record<Key, SeedContact> {
  const entries = (Object.entries(rows) as [Key, ContactFields][]).map(
    ([key, fields], index): [Key, SeedContact] => [
      key,
      {
        ...fields,
        id: firestoreIdFor(`${locationKey}/contact/${key}`),
        dateAdded: dateAddedFor(index),
      },
    ],
  );
  return Object.fromEntries(entries) as Record<Key, SeedContact>;
}

const SUNRISE_LOCATION_ID: string = 'Rk7sWq2LmX9dTz4NbV1c';
const HARBOR_LOCATION_ID: string = 'Hb3fPq8ZtY6wLc2MnJ5r';

/** Tags with something special about them, by role, so tests need not repeat the spelling. */
const SUNRISE_NOTABLE_TAGS = {
  vip: 'VIP-Client',
  hotLead: 'hot-lead',
  newsletter: 'newsletter',
  followUp: 'follow-up',
  /** A tag with a space. */
  newPatient: 'new patient',
  /** A tag with a colon and a space. */
  insurance: 'insurance: delta',
  /** A tag with an emoji (astral code point). */
  emoji: '⭐ 5-star review',
  /** Markup that must render as text, never as HTML. */
  markup: '<b>bold</b>',
  /** Differs from `vip` but starts the same: "vip" should rank both. */
  vipShort: 'VIP',
};

const SUNRISE_TAGS: readonly string[] = [
  ...Object.values(SUNRISE_NOTABLE_TAGS),
  'warm-lead',
  'cold-lead',
  'cleaning due',
  'recall 6mo',
  'whitening interest',
  'invisalign lead',
  'implant consult',
  'orthodontics',
  'pediatric',
  'senior discount',
  'family plan',
  'payment plan',
  'balance due',
  'insurance: cigna',
  'insurance: none',
  'appointment booked',
  'appointment confirmed',
  'no-show',
  'missed call',
  'emergency',
  'referral',
  'review requested',
  'birthday club',
  'sms opt-in',
  'email opt-out',
  'do not contact',
  'spanish speaker',
  'google ads',
  'facebook lead',
  'instagram',
  'website form',
  'walk-in',
  'reactivation',
  'lapsed 12mo+',
  'crown follow-up',
  'root canal',
  'night guard',
  'sleep apnea',
  'teeth whitening promo',
  'dr. patel',
  'dr. nguyen',
  'hygienist: kim',
];

const SUNRISE_CONTACTS = defineContacts('sunrise', {
  ada: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada.lovelace@example.com',
    phone: '+14155550101',
    tags: ['VIP-Client', 'newsletter', 'cleaning due'],
  },
  grace: {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace.hopper@example.org',
    phone: '+14155550102',
    tags: ['hot-lead', 'invisalign lead', 'follow-up'],
  },
  alan: {
    firstName: 'Alan',
    lastName: 'Turing',
    email: 'alan.turing@example.net',
    phone: '+14155550103',
    tags: ['newsletter', 'recall 6mo'],
  },
  maria: {
    firstName: 'María',
    lastName: 'García',
    email: 'maria.garcia@example.com',
    phone: '+14155550104',
    tags: ['new patient', 'spanish speaker', 'appointment booked'],
  },
  james: {
    firstName: 'James',
    lastName: 'Smith',
    email: 'jsmith@example.com',
    phone: '+14155550105',
    tags: ['no-show', 'follow-up'],
  },
  priya: {
    firstName: 'Priya',
    lastName: 'Patel',
    email: 'priya.patel@example.org',
    phone: '+14155550106',
    tags: ['VIP-Client', 'whitening interest', '⭐ 5-star review'],
  },
  wei: {
    firstName: 'Wei',
    lastName: 'Chen',
    email: 'wei.chen@example.net',
    phone: '+14155550107',
    tags: ['insurance: delta', 'family plan'],
  },
  fatima: {
    firstName: 'Fatima',
    lastName: 'Al-Sayed',
    email: 'fatima.alsayed@example.com',
    phone: '+14155550108',
    tags: ['new patient', 'sms opt-in'],
  },
  liam: {
    firstName: 'Liam',
    lastName: "O'Brien",
    email: 'liam.obrien@example.com',
    phone: '+14155550109',
    tags: ['hot-lead', 'google ads'],
  },
  zoe: {
    firstName: 'Zoë',
    lastName: 'Müller',
    email: 'zoe.mueller@example.org',
    phone: '+14155550110',
    tags: ['newsletter', 'birthday club'],
  },
  an: {
    firstName: 'An',
    lastName: 'Nguyễn',
    email: 'an.nguyen@example.net',
    phone: '+14155550111',
    tags: ['referral'],
  },
  olivia: {
    firstName: 'Olivia',
    lastName: 'Johnson',
    email: 'olivia.j@example.com',
    phone: '+14155550112',
    tags: ['appointment confirmed', 'recall 6mo'],
  },
  noah: {
    firstName: 'Noah',
    lastName: 'Williams',
    email: 'noah.williams@example.com',
    phone: '+14155550113',
    tags: ['cold-lead'],
  },
  emma: {
    firstName: 'Emma',
    lastName: 'Brown',
    email: 'emma.brown@example.org',
    phone: '+14155550114',
    tags: ['pediatric', 'family plan'],
  },
  lucas: {
    firstName: 'Lucas',
    lastName: 'Jones',
    email: 'lucas.jones@example.net',
    phone: '+14155550115',
    tags: ['implant consult', 'payment plan'],
  },
  sofia: {
    firstName: 'Sofia',
    lastName: 'Rossi',
    email: 'sofia.rossi@example.com',
    phone: '+14155550116',
    tags: ['warm-lead', 'facebook lead'],
  },
  mateo: {
    firstName: 'Mateo',
    lastName: 'Hernández',
    email: 'mateo.hernandez@example.com',
    phone: '+14155550117',
    tags: ['spanish speaker', 'emergency'],
  },
  aisha: {
    firstName: 'Aisha',
    lastName: 'Bello',
    email: 'aisha.bello@example.org',
    phone: '+14155550118',
    tags: ['newsletter', 'review requested'],
  },
  kenji: {
    firstName: 'Kenji',
    lastName: 'Tanaka',
    email: 'kenji.tanaka@example.net',
    phone: '+14155550119',
    tags: ['orthodontics', 'invisalign lead'],
  },
  hannah: {
    firstName: 'Hannah',
    lastName: 'Schmidt',
    email: 'hannah.schmidt@example.com',
    phone: '+14155550120',
    tags: ['email opt-out'],
  },
  /** Has no tags at all. */
  oliver: {
    firstName: 'Oliver',
    lastName: 'Taylor',
    email: 'oliver.taylor@example.com',
    phone: '+14155550121',
    tags: [],
  },
  amelia: {
    firstName: 'Amelia',
    lastName: 'Davies',
    email: 'amelia.davies@example.org',
    phone: '+14155550122',
    tags: ['senior discount', 'recall 6mo'],
  },
  ethan: {
    firstName: 'Ethan',
    lastName: 'Miller',
    email: 'ethan.miller@example.net',
    phone: '+14155550123',
    tags: ['balance due', 'follow-up'],
  },
  chloe: {
    firstName: 'Chloé',
    lastName: 'Dubois',
    email: 'chloe.dubois@example.com',
    phone: '+14155550124',
    tags: ['whitening interest'],
  },
  daniel: {
    firstName: 'Daniel',
    lastName: 'Kim',
    email: 'daniel.kim@example.com',
    phone: '+14155550125',
    tags: ['website form', 'hot-lead'],
  },
  isabella: {
    firstName: 'Isabella',
    lastName: 'Moore',
    email: 'isabella.moore@example.org',
    phone: '+14155550126',
    tags: ['VIP-Client', 'family plan', 'birthday club'],
  },
  samuel: {
    firstName: 'Samuel',
    lastName: 'Okafor',
    email: 'samuel.okafor@example.net',
    phone: '+14155550127',
    tags: ['missed call'],
  },
  mia: {
    firstName: 'Mia',
    lastName: 'Anderson',
    email: 'mia.anderson@example.com',
    phone: '+14155550128',
    tags: ['instagram', 'new patient'],
  },
  /** Only a first name and a phone: optional fields really are missing from its answers. */
  walkIn: {
    firstName: 'Walk-in',
    phone: '+14155550129',
    tags: ['walk-in'],
  },
  /** Markup in the name and in a tag: must render as text. */
  markup: {
    firstName: 'Bobby',
    lastName: '<img src=x onerror="window.__xss=1">Tables',
    email: 'bobby.tables@example.com',
    phone: '+14155550130',
    tags: ['<b>bold</b>'],
  },
  /** Many tags, some long: for layouts that wrap. */
  manyTags: {
    firstName: 'Theodore',
    lastName: 'Montgomery-Fairbanks',
    email: 'theodore.mf@example.org',
    phone: '+14155550131',
    companyName: 'Fairbanks & Sons Holdings',
    tags: [
      'VIP-Client',
      'hot-lead',
      'newsletter',
      'follow-up',
      'implant consult',
      'payment plan',
      'insurance: cigna',
      'appointment booked',
      'review requested',
      'birthday club',
      'sms opt-in',
      'crown follow-up',
      'night guard',
      'teeth whitening promo',
      'dr. patel',
    ],
  },
  /** Deleted: the API answers 404 and bulk calls report `contact is deleted`. */
  deleted: {
    firstName: 'Dorothy',
    lastName: 'Vaughan',
    email: 'dorothy.vaughan@example.com',
    phone: '+14155550132',
    tags: ['newsletter'],
    deleted: true,
  },
});

const HARBOR_TAGS: readonly string[] = [
  'member',
  'trial',
  'personal training',
  'yoga',
  'spin class',
  'lapsed member',
  'VIP-Client',
  'hot-lead',
  'newsletter',
  'referral',
  'corporate plan',
  'kids club',
];

const HARBOR_CONTACTS = defineContacts('harbor', {
  marcus: {
    firstName: 'Marcus',
    lastName: 'Reed',
    email: 'marcus.reed@example.com',
    phone: '+12065550141',
    tags: ['member', 'personal training'],
  },
  elena: {
    firstName: 'Elena',
    lastName: 'Petrova',
    email: 'elena.petrova@example.org',
    phone: '+12065550142',
    tags: ['trial', 'hot-lead'],
  },
  tom: {
    firstName: 'Tom',
    lastName: 'Becker',
    email: 'tom.becker@example.net',
    phone: '+12065550143',
    tags: ['lapsed member'],
  },
  yuki: {
    firstName: 'Yuki',
    lastName: 'Sato',
    email: 'yuki.sato@example.com',
    phone: '+12065550144',
    tags: ['yoga', 'newsletter'],
  },
  kwame: {
    firstName: 'Kwame',
    lastName: 'Mensah',
    email: 'kwame.mensah@example.com',
    phone: '+12065550145',
    tags: ['spin class', 'member'],
  },
  lena: {
    firstName: 'Lena',
    lastName: 'Fischer',
    email: 'lena.fischer@example.org',
    phone: '+12065550146',
    tags: ['corporate plan'],
  },
  /** Another "Ada", in the other location: a search in Sunrise must not find her. */
  adaPalmer: {
    firstName: 'Ada',
    lastName: 'Palmer',
    email: 'ada.palmer@example.net',
    phone: '+12065550147',
    tags: ['VIP-Client', 'kids club'],
  },
});

const SUNRISE_CONVERSATIONS = {
  ada: {
    id: firestoreIdFor('sunrise/conversation/ada'),
    contactId: SUNRISE_CONTACTS.ada.id,
    type: 1,
    unreadCount: 2,
    starred: true,
    messages: [
      { direction: 'outbound', body: 'Hi Ada, your cleaning is due. Shall we book you in?' },
      { direction: 'inbound', body: 'Yes please, any morning next week works.' },
      { direction: 'inbound', body: 'Also, do you do whitening?' },
    ],
  },
  grace: {
    id: firestoreIdFor('sunrise/conversation/grace'),
    contactId: SUNRISE_CONTACTS.grace.id,
    type: 2,
    unreadCount: 0,
    starred: false,
    messages: [
      { direction: 'inbound', body: 'Could you send me the Invisalign price list?' },
      { direction: 'outbound', body: 'Of course, attached. Happy to answer questions.' },
    ],
  },
  maria: {
    id: firestoreIdFor('sunrise/conversation/maria'),
    contactId: SUNRISE_CONTACTS.maria.id,
    type: 1,
    unreadCount: 1,
    starred: false,
    messages: [{ direction: 'inbound', body: '¿Tienen citas el sábado?' }],
  },
} satisfies Record<string, SeedConversation>;

const SUNRISE_OPPORTUNITIES = {
  adaInvisalign: {
    id: firestoreIdFor('sunrise/opportunity/ada-invisalign'),
    contactId: SUNRISE_CONTACTS.ada.id,
    name: 'Ada Lovelace - Invisalign',
    monetaryValue: 4800,
    status: 'open',
  },
  graceImplant: {
    id: firestoreIdFor('sunrise/opportunity/grace-implant'),
    contactId: SUNRISE_CONTACTS.grace.id,
    name: 'Grace Hopper - Implant',
    monetaryValue: 3200,
    status: 'open',
  },
} satisfies Record<string, SeedOpportunity>;

const HARBOR_CONVERSATIONS = {
  marcus: {
    id: firestoreIdFor('harbor/conversation/marcus'),
    contactId: HARBOR_CONTACTS.marcus.id,
    type: 1,
    unreadCount: 0,
    starred: false,
    messages: [{ direction: 'inbound', body: 'Can I move my PT session to Friday?' }],
  },
} satisfies Record<string, SeedConversation>;

const HARBOR_OPPORTUNITIES = {
  elenaMembership: {
    id: firestoreIdFor('harbor/opportunity/elena-membership'),
    contactId: HARBOR_CONTACTS.elena.id,
    name: 'Elena Petrova - Annual membership',
    monetaryValue: 1200,
    status: 'open',
  },
} satisfies Record<string, SeedOpportunity>;

/*
 * The exported constants are typed `string`, not as literals: a test writing
 * `(token = SAMPLE.token) => ...` must be able to pass any other token too.
 */

/** Location 1: "Sunrise Dental", with a full-scope token. */
export const SAMPLE = {
  locationId: SUNRISE_LOCATION_ID,
  name: 'Sunrise Dental',
  timezone: 'America/Los_Angeles',
  token: 'pit-5c2e8f14-7b3a-4d9e-a6f1-2e8c4b7d9a03',
  tags: SUNRISE_NOTABLE_TAGS,
  allTags: SUNRISE_TAGS,
  contacts: SUNRISE_CONTACTS,
  conversations: SUNRISE_CONVERSATIONS,
  opportunities: SUNRISE_OPPORTUNITIES,
};

/** Location 2: "Harbor Fitness", with its own full-scope token. */
export const SECOND = {
  locationId: HARBOR_LOCATION_ID,
  name: 'Harbor Fitness',
  timezone: 'America/New_York',
  token: 'pit-9a7d3c61-2f4e-4b8a-8d5c-7e1f3a9b6c24',
  allTags: HARBOR_TAGS,
  contacts: HARBOR_CONTACTS,
  conversations: HARBOR_CONVERSATIONS,
  opportunities: HARBOR_OPPORTUNITIES,
};

/** Sunrise Dental, without `locations/tags.readonly` and `conversations.readonly`. */
export const LIMITED_TOKEN: string = 'pit-1e4b7a93-6c2d-4f8e-b3a5-9d0c7e2f4b81';
export const LIMITED_TOKEN_SCOPES: readonly Scope[] = ALL_SCOPES.filter(
  (scope) => scope !== 'locations/tags.readonly' && scope !== 'conversations.readonly',
);

/** Sunrise Dental, `contacts.readonly` only: tag writes answer 401 "not authorized for this scope". */
export const READ_ONLY_TOKEN: string = 'pit-7f3c9e25-4a1b-4c6d-9e8f-1b2a3c4d5e6f';

/** Shaped like a token, never valid: answers 401 "Invalid token". */
export const UNKNOWN_TOKEN: string = 'pit-00000000-0000-4000-8000-000000000000';

export interface SeedLocation {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly tags: readonly string[];
  readonly contacts: readonly SeedContact[];
  readonly conversations: readonly SeedConversation[];
  readonly opportunities: readonly SeedOpportunity[];
}

export const SEED_LOCATIONS: readonly SeedLocation[] = [
  {
    id: SAMPLE.locationId,
    name: SAMPLE.name,
    timezone: SAMPLE.timezone,
    tags: SAMPLE.allTags,
    contacts: Object.values(SAMPLE.contacts),
    conversations: Object.values(SAMPLE.conversations),
    opportunities: Object.values(SAMPLE.opportunities),
  },
  {
    id: SECOND.locationId,
    name: SECOND.name,
    timezone: SECOND.timezone,
    tags: SECOND.allTags,
    contacts: Object.values(SECOND.contacts),
    conversations: Object.values(SECOND.conversations),
    opportunities: Object.values(SECOND.opportunities),
  },
];

export const SEED_TOKENS: readonly SeedToken[] = [
  { token: SAMPLE.token, locationId: SAMPLE.locationId, scopes: ALL_SCOPES },
  { token: SECOND.token, locationId: SECOND.locationId, scopes: ALL_SCOPES },
  { token: LIMITED_TOKEN, locationId: SAMPLE.locationId, scopes: LIMITED_TOKEN_SCOPES },
  { token: READ_ONLY_TOKEN, locationId: SAMPLE.locationId, scopes: ['contacts.readonly'] },
];
