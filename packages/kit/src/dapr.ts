import type { DaprClient, HttpMethod } from "@dapr/dapr";
import { Pool } from "undici";
import { AppError } from "./errors.ts";

export interface CloudEvent<T = unknown> {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: "application/json";
  subject?: string;
  data: T;
  traceparent?: string;
}

export interface StateEntry<T> {
  value: T;
  etag: string;
}

/**
 * The Dapr building blocks a service uses, over the sidecar's DaprClient. Components are
 * named here (pubsub, statestore, secretstore); which product sits behind each name is
 * decided by the YAML under components/, never by this code.
 */
export interface Dapr {
  /** Publishes a CloudEvent as is, so its id survives retries and subscribers can dedupe. */
  publish(topic: string, event: CloudEvent, options?: { partitionKey?: string }): Promise<void>;
  getState<T>(key: string): Promise<StateEntry<T> | undefined>;
  /** `etag` makes the write conditional (first-write-wins); a stale one throws `conflict`. */
  saveState<T>(key: string, value: T, options?: { etag?: string; ttlSeconds?: number }): Promise<void>;
  deleteState(key: string, options?: { etag?: string }): Promise<void>;
  invoke<T>(appId: string, method: string, verb?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", body?: object): Promise<T>;
  secret(key: string): Promise<string>;
  binding<T = unknown>(name: string, operation: string, data: unknown, metadata?: Record<string, string>): Promise<T>;
  healthy(): Promise<boolean>;
}

export interface DaprOptions {
  host?: string;
  httpPort: number;
  pubsubName?: string;
  stateStore?: string;
  secretStore?: string;
}

export function createDapr(options: DaprOptions): Dapr {
  const host = options.host ?? "127.0.0.1";
  const pubsubName = options.pubsubName ?? "pubsub";
  const stateStore = options.stateStore ?? "statestore";
  const secretStore = options.secretStore ?? "secretstore";
  // The SDK loads its gRPC stack even for HTTP (~48 MB resident): load it on first use, so a
  // service that has not yet published or called a binding stays small.
  let loading: Promise<DaprClient> | undefined;
  let pool: Pool | undefined;
  const sidecar = () => (pool ??= new Pool(`http://${host}:${options.httpPort}`, { connections: 64, keepAliveTimeout: 30_000 }));
  const sdk = () =>
    (loading ??= import("@dapr/dapr").then(
      ({ DaprClient, CommunicationProtocolEnum, LogLevel }) =>
        new DaprClient({ daprHost: host, daprPort: String(options.httpPort), communicationProtocol: CommunicationProtocolEnum.HTTP, logger: { level: LogLevel.Error } }),
    ));

  return {
    async publish(topic, event, publishOptions = {}) {
      const metadata: Record<string, string> = {};
      if (publishOptions.partitionKey) metadata.partitionKey = publishOptions.partitionKey;
      const result = await (await sdk()).pubsub.publish(pubsubName, topic, event, { contentType: "application/cloudevents+json", metadata });
      // The SDK reports a failed publish in the result rather than throwing.
      if (result?.error) throw new AppError("upstream_unavailable", `publish to ${topic} failed: ${result.error.message}`);
    },
    // Straight to the sidecar's HTTP API over a keep-alive pool rather than through the SDK:
    // a cached read is the hot path of public reads, and the SDK's client costs several times
    // the sidecar's own work.
    async getState<T>(key: string) {
      const answer = await sidecar().request({ method: "GET", path: `/v1.0/state/${stateStore}/${encodeURIComponent(key)}` });
      const text = await answer.body.text();
      if (answer.statusCode >= 300) throw new AppError("upstream_unavailable", `reading state ${key} failed: ${answer.statusCode} ${text}`);
      if (answer.statusCode === 204 || text === "") return undefined;
      const etag = answer.headers.etag;
      return { value: JSON.parse(text) as T, etag: String(Array.isArray(etag) ? etag[0] : (etag ?? "")) };
    },
    async saveState(key, value, saveOptions = {}) {
      const result = await (await sdk()).state.save(stateStore, [
        {
          key,
          value,
          ...(saveOptions.etag ? { etag: saveOptions.etag, options: { concurrency: "first-write" } } : {}),
          ...(saveOptions.ttlSeconds ? { metadata: { ttlInSeconds: String(saveOptions.ttlSeconds) } } : {}),
        } as never,
      ]);
      if (result?.error) {
        if (/etag|409|precondition/i.test(result.error.message)) throw new AppError("conflict", `state ${key} changed meanwhile`);
        throw new AppError("upstream_unavailable", `saving state ${key} failed: ${result.error.message}`);
      }
    },
    async deleteState(key, deleteOptions = {}) {
      await (await sdk()).state.delete(stateStore, key, deleteOptions.etag ? { etag: deleteOptions.etag, concurrency: "first-write" } as never : undefined);
    },
    async invoke<T>(appId: string, method: string, verb: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" = "GET", body?: object) {
      return (await (await sdk()).invoker.invoke(appId, method, verb as HttpMethod, body)) as T;
    },
    async secret(key) {
      const value = (await (await sdk()).secret.get(secretStore, key)) as Record<string, string>;
      const secret = value[key];
      if (secret === undefined) throw new AppError("internal", `secret ${key} is missing from ${secretStore}`);
      return secret;
    },
    async binding<T>(name: string, operation: string, data: unknown, metadata: Record<string, string> = {}) {
      return (await (await sdk()).binding.send(name, operation, data, metadata)) as T;
    },
    async healthy() {
      try {
        const response = await fetch(`http://${host}:${options.httpPort}/v1.0/healthz`, { signal: AbortSignal.timeout(1000) });
        return response.status === 204;
      } catch {
        return false;
      }
    },
  };
}
