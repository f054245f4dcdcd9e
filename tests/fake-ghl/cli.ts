/**
 * Runs the fake HighLevel on its own, for trying the extension by hand:
 *   npm run fake-ghl -- --port 8443 [--host 127.0.0.1] [--latency 100] [--rate-limit 10/2000]
 *                       [--tag-answer changed] [--lowercase-tags] [--retry-after]
 * Prints the port, the Chromium flags, the sample tokens and page URLs; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import {
  API_HOST,
  APP_HOST,
  appPath,
  LIMITED_TOKEN,
  READ_ONLY_TOKEN,
  SAMPLE,
  SECOND,
  type Switches,
  startFakeGhl,
  WHITE_LABEL_HOST,
} from './index';

function fail(message: string): never {
  console.error(`fake-ghl: ${message}`);
  process.exit(2);
}

function switchesFrom(values: {
  latency?: string | undefined;
  'rate-limit'?: string | undefined;
  'tag-answer'?: string | undefined;
  'lowercase-tags'?: boolean | undefined;
  'retry-after'?: boolean | undefined;
}): Partial<Switches> {
  const patch: Partial<Switches> = {};
  if (values.latency !== undefined) {
    const latencyMs = Number(values.latency);
    if (!Number.isInteger(latencyMs) || latencyMs < 0) fail('--latency takes milliseconds');
    patch.latencyMs = latencyMs;
  }
  if (values['rate-limit'] !== undefined) {
    const found = /^(\d+)\/(\d+)$/.exec(values['rate-limit']);
    if (!found) fail('--rate-limit takes MAX/INTERVAL_MS, e.g. 10/2000');
    patch.rateLimit = { max: Number(found[1]), intervalMs: Number(found[2]) };
  }
  if (values['tag-answer'] !== undefined) {
    const answer = values['tag-answer'];
    if (answer !== 'whole' && answer !== 'changed') fail('--tag-answer takes whole or changed');
    patch.tagAnswer = answer;
  }
  if (values['lowercase-tags']) patch.lowercaseTags = true;
  if (values['retry-after']) patch.retryAfterHeader = true;
  return patch;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string' },
    'rate-limit': { type: 'string' },
    'tag-answer': { type: 'string' },
    'lowercase-tags': { type: 'boolean' },
    'retry-after': { type: 'boolean' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`--port must be a port number, not ${values.port}`);
const switches = switchesFrom(values);

const fake = await startFakeGhl({ port, host: values.host }).catch((error: unknown) =>
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`),
);
fake.setSwitches(switches);

const ada = appPath.contact(SAMPLE.locationId, SAMPLE.contacts.ada.id);
console.log(`fake-ghl listening on port ${fake.port}`);
console.log(`
Chromium flags:
  --host-resolver-rules="${fake.hostResolverRules}" --ignore-certificate-errors

API:   https://${API_HOST} (from Node: ${fake.apiBaseUrl})
Switches: ${JSON.stringify(fake.switches)}

Tokens:
  ${SAMPLE.name} (${SAMPLE.locationId}), all scopes:  ${SAMPLE.token}
  ${SECOND.name} (${SECOND.locationId}), all scopes:  ${SECOND.token}
  ${SAMPLE.name}, no locations/tags.readonly nor conversations.readonly:  ${LIMITED_TOKEN}
  ${SAMPLE.name}, contacts.readonly only:  ${READ_ONLY_TOKEN}

Pages (also on https://${WHITE_LABEL_HOST}):
  https://${APP_HOST}${ada}
  https://${APP_HOST}${appPath.contactList(SAMPLE.locationId)}?claimAll=1234
  https://${APP_HOST}${appPath.conversation(SAMPLE.locationId, SAMPLE.conversations.ada.id)}
  https://${APP_HOST}${appPath.opportunities(SAMPLE.locationId)}

Stop with Ctrl+C.`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`fake-ghl: ${signal}, stopping`);
  await fake.close();
  process.exit(0);
}
process.on('SIGINT', (signal) => void stop(signal));
process.on('SIGTERM', (signal) => void stop(signal));
