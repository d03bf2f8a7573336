import type { Logger } from "./logger.ts";

export interface Poller {
  /** Run a pass now instead of waiting out the idle interval. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Runs `pass` again and again: straight away while it finds work (returns > 0), otherwise
 * after `idleMs` or a `kick()`. The background loop of the outbox relay and of dispatchers.
 */
export function startPoller(options: { name: string; pass: () => Promise<number>; idleMs: number; log: Logger }): Poller {
  let stopped = false;
  let wake: (() => void) | undefined;
  let kicked = false;

  const loop = (async () => {
    while (!stopped) {
      let done = 0;
      kicked = false;
      try {
        done = await options.pass();
      } catch (error) {
        options.log.error({ err: error }, `${options.name} pass failed`);
      }
      if (done === 0 && !stopped && !kicked) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs);
          wake = () => (clearTimeout(timer), resolve());
        });
        wake = undefined;
      }
    }
  })();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
