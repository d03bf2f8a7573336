import { and, asc, eq, lte, sql } from "drizzle-orm";
import { startPoller, type Dapr, type Database, type Logger } from "@market/kit";
import { emailDeliveries } from "./db/schema.ts";

export interface EmailDispatcher {
  kick(): void;
  dispatchOnce(): Promise<number>;
  stop(): Promise<void>;
}

const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));

/**
 * Sends pending emails through the Dapr SMTP binding. A row is marked sent only after the
 * binding accepted it; rows are claimed with SKIP LOCKED so replicas never send one twice
 * at the same time.
 */
export function startEmailDispatcher(deps: { db: Database; dapr: Dapr; log: Logger; binding: string; idleMs: number }): EmailDispatcher {
  const dispatchOnce = () =>
    deps.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(emailDeliveries)
        .where(and(eq(emailDeliveries.status, "pending"), lte(emailDeliveries.nextAttemptAt, sql`now()`)))
        .orderBy(asc(emailDeliveries.createdAt))
        .limit(20)
        .for("update", { skipLocked: true });
      let sent = 0;
      for (const mail of due) {
        try {
          await deps.dapr.binding(deps.binding, "create", mail.body, { emailTo: mail.to, subject: mail.subject });
          await tx.update(emailDeliveries).set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1 }).where(eq(emailDeliveries.id, mail.id));
          sent++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.log.warn({ deliveryId: mail.id, err: message }, "email not sent; will retry");
          await tx
            .update(emailDeliveries)
            .set({ attempts: mail.attempts + 1, lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(mail.attempts)) })
            .where(eq(emailDeliveries.id, mail.id));
        }
      }
      return sent;
    });

  const poller = startPoller({ name: "email dispatcher", pass: dispatchOnce, idleMs: deps.idleMs, log: deps.log });
  return { kick: poller.kick, dispatchOnce, stop: poller.stop };
}
