import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/accounts.ts', import.meta.url));

/** Runs `pnpm accounts …` on a file as an operator would; resolves with its output, rejects on failure. */
export function accountsCli(file: string, args: string[], password?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--file', file], {
      env: { ...process.env, FAIRWATCH_PASSWORD: password ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`accounts ${args.join(' ')} exited ${code}: ${output}`))));
  });
}
