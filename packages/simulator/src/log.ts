/** A structured log event of the simulator; extra fields carry the details. */
export interface SimulatorLogEvent {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}

export type SimulatorLog = (event: SimulatorLogEvent) => void;

/** Without a logger: problems go to stderr, routine progress nowhere. */
export const defaultLog: SimulatorLog = (event) => {
  if (event.level !== 'info') console.error(`[simulator] ${event.level}: ${event.msg}`, event);
};
