/**
 * A self-signed certificate for the fake's host names, made once with the `openssl` CLI and kept
 * under the OS temp directory. Tests and Chromium ignore certificate errors, so trust does not
 * matter; the names are there so anyone inspecting the certificate sees what it is for.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_HOST, APP_HOST, WHITE_LABEL_HOST } from './hosts';

const run = promisify(execFile);

/** Bump when the names or key type change, so an old cached certificate is not reused. */
const CACHE_DIRECTORY = join(tmpdir(), 'fake-ghl-certificate-v1');

export interface Certificate {
  key: string;
  cert: string;
}

function readCached(directory: string): Certificate | undefined {
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  if (!existsSync(keyPath) || !existsSync(certPath)) return undefined;
  try {
    const cert = readFileSync(certPath, 'utf8');
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    // Regenerate a little before expiry rather than fail a run.
    if (Number.isNaN(validTo) || validTo < Date.now() + 86_400_000) return undefined;
    return { key: readFileSync(keyPath, 'utf8'), cert };
  } catch {
    return undefined;
  }
}

async function generate(directory: string): Promise<void> {
  const names = [API_HOST, APP_HOST, `*.gohighlevel.com`, WHITE_LABEL_HOST, 'localhost'];
  const subjectAltName = [...names.map((name) => `DNS:${name}`), 'IP:127.0.0.1', 'IP:::1'].join(
    ',',
  );
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=fake HighLevel (tests only)',
    '-addext',
    `subjectAltName=${subjectAltName}`,
    '-keyout',
    join(directory, 'key.pem'),
    '-out',
    join(directory, 'cert.pem'),
  ]);
}

/**
 * The cached certificate, generating it on first use. Test files run in parallel processes, so a
 * new one is written to a private directory and moved into place in one rename; a process that
 * loses the race uses the winner's.
 */
export async function fakeCertificate(): Promise<Certificate> {
  const cached = readCached(CACHE_DIRECTORY);
  if (cached) return cached;
  const scratch = mkdtempSync(`${CACHE_DIRECTORY}-tmp-`);
  try {
    await generate(scratch);
    // Only a stale or broken cache is removed; a valid one another process just wrote is kept.
    if (!readCached(CACHE_DIRECTORY)) rmSync(CACHE_DIRECTORY, { recursive: true, force: true });
    try {
      renameSync(scratch, CACHE_DIRECTORY);
    } catch {
      // Another process moved its certificate in first; use that one.
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const created = readCached(CACHE_DIRECTORY);
  if (!created) throw new Error(`fake-ghl: could not create a certificate in ${CACHE_DIRECTORY}`);
  return created;
}
