import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Topic, TopicData } from "@market/contracts";
import type { CloudEvent, Dapr } from "./dapr.ts";
import type { Database, Tx } from "./db.ts";
import type { Logger } from "./logger.ts";
import { newId } from "./ids.ts";
import { startPoller } from "./poller.ts";

/** Events waiting to be published, written in the same transaction as the change they announce. */
export const outbox = pgTable(
  "outbox",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    eventId: text("event_id").notNull().unique(),
    topic: text("topic").notNull(),
    partitionKey: text("partition_key"),
    event: jsonb("event").$type<CloudEvent>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    attempts: integer("attempts").default(0).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow().notNull(),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_pending_idx").on(t.partitionKey, t.seq).where(sql`published_at is null`)],
);

export interface EnqueueOptions {
  /** The aggregate the event is about; keeps its events in order on one partition. */
  subject: string;
  source: string;
  traceparent?: string;
}

/** Validates the payload against the topic's contract and writes it to the outbox in `tx`. */
export async function enqueueEvent<T extends Topic>(tx: Tx, topic: T, data: TopicData<T>, options: EnqueueOptions): Promise<CloudEvent<TopicData<T>>> {
  const event: CloudEvent<TopicData<T>> = {
    specversion: "1.0",
    id: newId("evt"),
    source: options.source,
    type: topic.type,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    subject: options.subject,
    data: topic.schema.parse(data) as TopicData<T>,
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
  };
  await tx.insert(outbox).values({ eventId: event.id, topic: topic.name, partitionKey: options.subject, event });
  return event;
}

export interface OutboxRelay {
  /** Publish soon: call after a transaction that enqueued events has committed. */
  kick(): void;
  /** Publishes what is due now; returns how many were published. */
  relayOnce(): Promise<number>;
  stop(): Promise<void>;
}

const backoffMs = (attempts: number) => Math.min(30_000, 200 * 2 ** Math.min(attempts, 8));

/**
 * Publishes outbox rows until each is delivered, in order per subject. Rows are locked with SKIP LOCKED,
 * so replicas share the work without publishing a row twice at once; a crash between
 * publish and commit republishes (at least once), which subscribers' inboxes absorb.
 */
export function startOutboxRelay(deps: { db: Database; dapr: Dapr; log: Logger; idleMs?: number; batchSize?: number }): OutboxRelay {
  const { db, dapr, log } = deps;
  const idleMs = deps.idleMs ?? 500;
  const batchSize = deps.batchSize ?? 100;
  async function relayOnce(): Promise<number> {
    return db.transaction(async (tx) => {
      // A row is due only when no earlier row of the same subject is still unpublished:
      // events of one aggregate go out in order even across relays and retries, while
      // other aggregates' events are not held up behind a failing one.
      const due = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.publishedAt),
            lte(outbox.nextAttemptAt, sql`now()`),
            sql`not exists (select 1 from outbox earlier where earlier.partition_key is not distinct from ${outbox.partitionKey} and earlier.published_at is null and earlier.seq < ${outbox.seq})`,
          ),
        )
        .orderBy(asc(outbox.seq))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      let published = 0;
      for (const row of due) {
        try {
          await dapr.publish(row.topic, row.event, row.partitionKey ? { partitionKey: row.partitionKey } : {});
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.warn({ eventId: row.eventId, topic: row.topic, attempts: row.attempts + 1, err: message }, "outbox publish failed; will retry");
          await tx
            .update(outbox)
            .set({ attempts: row.attempts + 1, lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts)) })
            .where(eq(outbox.seq, row.seq));
          continue;
        }
        await tx.update(outbox).set({ publishedAt: new Date(), attempts: row.attempts + 1 }).where(eq(outbox.seq, row.seq));
        published++;
      }
      return published;
    });
  }

  const poller = startPoller({ name: "outbox relay", pass: relayOnce, idleMs, log });
  return { kick: poller.kick, relayOnce, stop: poller.stop };
}
