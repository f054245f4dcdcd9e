import { JOB_FORMAT_VERSION, jobsSchema } from '../queue/job-format';
import {
  activitySchema,
  connectionsSchema,
  contactCacheSchema,
  defaultSettings,
  queueSchema,
  settingsSchema,
  tagCacheSchema,
} from './schemas';
import { defineVersionedStore, type StorageArea } from './versioned-store';

/** Every store the background keeps, each under its own key and format version. */
export function createStores(area: StorageArea) {
  return {
    settings: defineVersionedStore(area, {
      key: 'settings',
      version: 1,
      schema: settingsSchema,
      initial: defaultSettings,
    }),
    connections: defineVersionedStore(area, {
      key: 'connections',
      version: 1,
      schema: connectionsSchema,
      initial: () => ({}),
    }),
    queue: defineVersionedStore(area, {
      key: 'queue',
      version: 1,
      schema: queueSchema,
      initial: () => [],
    }),
    activity: defineVersionedStore(area, {
      key: 'activity',
      version: 1,
      schema: activitySchema,
      initial: () => [],
    }),
    contacts: defineVersionedStore(area, {
      key: 'cache.contacts',
      version: 1,
      schema: contactCacheSchema,
      initial: () => ({}),
    }),
    jobs: defineVersionedStore(area, {
      key: 'jobs',
      version: JOB_FORMAT_VERSION,
      schema: jobsSchema,
      initial: () => [],
    }),
    locationTags: defineVersionedStore(area, {
      key: 'cache.locationTags',
      version: 1,
      schema: tagCacheSchema,
      initial: () => ({}),
    }),
  };
}

export type Stores = ReturnType<typeof createStores>;
