import { isHighLevelId } from '../detect/ids';
import { type Settings, UNDO_WINDOW } from '../storage/schemas';
import { z } from '../zod';
import { readDomain } from './domains';
import { checkQuickTags } from './quick-tags';

/**
 * Settings as a file, to move them between browsers or share them in a team: quick tags,
 * per-sub-account lists, the undo window, white-label domains and connection names. Never
 * tokens: a colleague importing the file adds their own.
 */
export const SETTINGS_FILE_FORMAT = 'contact-tags-for-highlevel/settings';
export const SETTINGS_FILE_VERSION = 1;
/** Far above any real settings file; refuses a wrong file before parsing it. */
const MAX_FILE_CHARACTERS = 1_000_000;

const settingsFileSchema = z.strictObject({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.literal(SETTINGS_FILE_VERSION),
  exportedAt: z.string().optional(),
  undoWindowSeconds: z.number().min(UNDO_WINDOW.min).max(UNDO_WINDOW.max),
  quickTags: z.array(z.string()),
  quickTagsByLocation: z.record(z.string(), z.array(z.string())),
  domains: z.array(z.string()).optional(),
  connectionNames: z.record(z.string(), z.string().max(200)).optional(),
});

export type SettingsFile = z.infer<typeof settingsFileSchema>;
export interface ImportedSettings {
  settings: Pick<Settings, 'undoWindowSeconds' | 'quickTags' | 'quickTagsByLocation' | 'domains'>;
  connectionNames: Record<string, string>;
}

export function exportSettings(
  settings: Settings,
  connectionNames: Record<string, string>,
  now = new Date(),
): SettingsFile {
  return {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    undoWindowSeconds: settings.undoWindowSeconds,
    quickTags: settings.quickTags,
    quickTagsByLocation: settings.quickTagsByLocation,
    domains: settings.domains,
    connectionNames,
  };
}

/** Reads a settings file; anything malformed or foreign is refused with a reason. */
export function readSettingsFile(
  text: string,
): ({ ok: true } & ImportedSettings) | { ok: false; reason: string } {
  if (text.length > MAX_FILE_CHARACTERS)
    return refuse('This file is far too large to be a settings file.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('This file is not a Contact Tags settings file (it is not JSON).');
  }
  const header = z.looseObject({ format: z.string(), version: z.number() }).safeParse(data);
  if (!header.success || header.data.format !== SETTINGS_FILE_FORMAT) {
    return refuse('This file is not a Contact Tags settings file.');
  }
  if (header.data.version > SETTINGS_FILE_VERSION) {
    return refuse(
      'This file comes from a newer version of Contact Tags: update the extension first.',
    );
  }
  const parsed = settingsFileSchema.safeParse(data);
  if (!parsed.success) {
    return refuse('This settings file is damaged or was edited by hand: nothing was imported.');
  }
  const shared = checkQuickTags(parsed.data.quickTags);
  if (!shared.ok) return refuse(`Quick tags: ${shared.reason}`);
  const byLocation: Record<string, string[]> = {};
  for (const [locationId, tags] of Object.entries(parsed.data.quickTagsByLocation)) {
    if (!isHighLevelId(locationId))
      return refuse(`‘${locationId.slice(0, 40)}’ is not a location ID.`);
    const own = checkQuickTags(tags);
    if (!own.ok) return refuse(`Quick tags of ${locationId}: ${own.reason}`);
    byLocation[locationId] = own.tags;
  }
  const domains: string[] = [];
  for (const input of parsed.data.domains ?? []) {
    const domain = readDomain(input);
    if (!domain.ok) return refuse(`Domain ‘${input.slice(0, 60)}’: ${domain.reason}`);
    if (!domains.includes(domain.host)) domains.push(domain.host);
  }
  const connectionNames = parsed.data.connectionNames ?? {};
  const unnamed = Object.keys(connectionNames).find((locationId) => !isHighLevelId(locationId));
  if (unnamed !== undefined) return refuse(`‘${unnamed.slice(0, 40)}’ is not a location ID.`);
  return {
    ok: true,
    settings: {
      undoWindowSeconds: parsed.data.undoWindowSeconds,
      quickTags: shared.tags,
      quickTagsByLocation: byLocation,
      domains: domains.sort(),
    },
    connectionNames,
  };
}

function refuse(reason: string) {
  return { ok: false as const, reason };
}
