import type { AppContext } from "@market/kit";

/** The caller's trace, carried into the events a request causes. */
export const traceparentOf = (c: AppContext): string | undefined => c.req.header("traceparent");
