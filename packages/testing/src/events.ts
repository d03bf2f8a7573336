import { newId, type CloudEvent } from "@market/kit";
import type { Topic, TopicData } from "@market/contracts";

/** A CloudEvent as our outbox writes it, for a test to publish (again) by hand. */
export function cloudEvent<T extends Topic>(topic: T, data: TopicData<T>, subject: string, source = "test"): CloudEvent<TopicData<T>> {
  return { specversion: "1.0", id: newId("evt"), source, type: topic.type, time: new Date().toISOString(), datacontenttype: "application/json", subject, data };
}

/** Publishes through a sidecar's HTTP API, as the outbox relay does (ids kept, so redeliveries dedupe). */
export async function publishThrough(sidecarHttpPort: number, topic: Topic, event: object, partitionKey?: string): Promise<void> {
  const query = partitionKey ? `?metadata.partitionKey=${encodeURIComponent(partitionKey)}` : "";
  const res = await fetch(`http://127.0.0.1:${sidecarHttpPort}/v1.0/publish/pubsub/${topic.name}${query}`, {
    method: "POST",
    headers: { "content-type": "application/cloudevents+json" },
    body: JSON.stringify(event),
  });
  if (res.status !== 204) throw new Error(`publishing ${topic.name} through the sidecar failed: ${res.status} ${await res.text()}`);
}
