import { Client, errors } from "@elastic/elasticsearch";

export type Elastic = Client;

export function connectElastic(url: string): Elastic {
  // Requests are short; a stuck one should fail and be retried by the caller (Dapr redelivers events).
  return new Client({ node: url, requestTimeout: 30_000, maxRetries: 2, compression: false });
}

export const statusOf = (error: unknown): number | undefined => (error instanceof errors.ResponseError ? error.statusCode : undefined);
export const isConflict = (error: unknown): boolean => statusOf(error) === 409;
export const isNotFound = (error: unknown): boolean => statusOf(error) === 404;
export const indexMissing = (error: unknown): boolean =>
  error instanceof errors.ResponseError && error.statusCode === 404 && /index_not_found_exception/.test(JSON.stringify(error.body ?? ""));
/** The bare server answers 400 resource_already_exists_exception when an index exists. */
export const alreadyExists = (error: unknown): boolean =>
  error instanceof errors.ResponseError && /resource_already_exists_exception/.test(JSON.stringify(error.body ?? ""));

/** Readiness: the cluster answers (GET / is refused by the bare server, so ask for health). */
export async function elasticHealthy(es: Elastic): Promise<void> {
  const health = await es.cluster.health({ timeout: "1s" });
  if (health.status === "red") throw new Error("elasticsearch cluster is red");
}
