import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE } from '../../fake-ghl/index';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

/** Collects stdout until `pattern` matches. */
function waitForOutput(process: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (pattern.test(output)) resolve(output);
    });
    process.once('exit', (code) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${output}`)),
    );
  });
}

describe('cli.ts', () => {
  it('starts, prints the port, rules and tokens, serves, and stops on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fake-ghl/cli.ts', '--port', '0', '--latency', '5'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = await waitForOutput(child, /Stop with Ctrl\+C\./);
    const port = Number(/listening on port (\d+)/.exec(output)?.[1]);

    expect(port).toBeGreaterThan(0);
    expect(output).toContain(`MAP services.leadconnectorhq.com 127.0.0.1:${port}`);
    expect(output).toContain(SAMPLE.token);
    expect(output).toContain('"latencyMs":5');
    const answer = await fetch(`https://127.0.0.1:${port}/contacts/${SAMPLE.contacts.ada.id}`, {
      headers: {
        Authorization: `Bearer ${SAMPLE.token}`,
        Version: '2021-07-28',
        Accept: 'application/json',
      },
    });
    expect(answer.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
