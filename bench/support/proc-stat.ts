import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU used by a process over a window, as a percentage of one core. */
export class CpuMeter {
  private startCpu = 0;
  private startAt = 0;
  constructor(private readonly pid: number) {}

  start(): this {
    this.startCpu = cpuSeconds(this.pid);
    this.startAt = performance.now();
    return this;
  }

  percent(): number {
    const seconds = (performance.now() - this.startAt) / 1000;
    return seconds > 0 ? (100 * (cpuSeconds(this.pid) - this.startCpu)) / seconds : 0;
  }
}
