import type { Topic, TopicData } from "@market/contracts";
import type { App } from "./app.ts";
import type { CloudEvent } from "./dapr.ts";
import type { Logger } from "./logger.ts";

export interface Subscription<T extends Topic = Topic> {
  topic: T;
  handle(event: CloudEvent<TopicData<T>>, log: Logger): Promise<"applied" | "duplicate" | void>;
}

export function subscription<T extends Topic>(topic: T, handle: Subscription<T>["handle"]): Subscription<T> {
  return { topic, handle };
}

/**
 * Answers Dapr's `/dapr/subscribe` and one route per topic. The sidecar delivers at least
 * once; handlers dedupe through the inbox. A payload that breaks its contract is dropped
 * (retrying cannot fix it); any other failure asks Dapr to retry, and the Resiliency policy
 * sends it to the dead-letter topic when retries run out.
 */
export function mountSubscriptions(app: App, options: { pubsubName: string; subscriptions: Subscription[]; deadLetterTopic?: string }): void {
  const routeOf = (topic: Topic) => `/events/${topic.name}`;
  app.get("/dapr/subscribe", (c) =>
    c.json(
      options.subscriptions.map(({ topic }) => ({
        pubsubname: options.pubsubName,
        topic: topic.name,
        route: routeOf(topic),
        ...(options.deadLetterTopic ? { deadLetterTopic: options.deadLetterTopic } : {}),
      })),
    ),
  );
  for (const { topic, handle } of options.subscriptions) {
    app.post(routeOf(topic), async (c) => {
      const envelope = (await c.req.json().catch(() => undefined)) as CloudEvent | undefined;
      const log = c.var.log.child({ topic: topic.name, eventId: envelope?.id });
      if (!envelope?.id || envelope.type !== topic.type) {
        log.error({ type: envelope?.type }, "dropping an event of an unknown type");
        return c.json({ status: "DROP" });
      }
      const parsed = topic.schema.safeParse(envelope.data);
      if (!parsed.success) {
        log.error({ issues: parsed.error.issues }, "dropping an event that breaks its contract");
        return c.json({ status: "DROP" });
      }
      try {
        const outcome = await handle({ ...envelope, data: parsed.data } as CloudEvent<TopicData<typeof topic>>, log);
        log.debug({ outcome: outcome ?? "applied" }, "event handled");
        return c.json({ status: "SUCCESS" });
      } catch (error) {
        log.warn({ err: error }, "event handling failed; asking for a retry");
        return c.json({ status: "RETRY" });
      }
    });
  }
}
