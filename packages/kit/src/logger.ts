import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The trace id of a W3C `traceparent` header (`00-<trace>-<span>-<flags>`), as Dapr passes it. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = traceparent && /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent);
  return match ? match[1] : undefined;
}
