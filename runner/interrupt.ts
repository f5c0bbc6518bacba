/**
 * The signals that interrupt a run (docs/INTERPRETING.md §exit-codes): it stops sending at once,
 * writes its reports marked interrupted (no verdict; the last run's reports moved aside) and exits
 * 128 + the signal's number, as a shell reports a process killed by it.
 */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

export const INTERRUPT_EXIT_CODES: Readonly<Record<InterruptSignal, 130 | 143>> = { SIGINT: 130, SIGTERM: 143 };
