/** Moved: the runner lives in runner/run.ts. */
export * from '../runner/run.ts';
