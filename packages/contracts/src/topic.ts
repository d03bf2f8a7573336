import type { z } from "zod";

/**
 * A pub/sub topic and the one schema of its payload. The version is part of the CloudEvent
 * type (`user.registered.v1`): a breaking change is a new version published beside the old
 * one until every subscriber has moved.
 */
export interface Topic<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  type: string;
  schema: S;
}

export type TopicData<T extends Topic> = z.infer<T["schema"]>;

export function defineTopic<S extends z.ZodType>(name: string, version: number, schema: S): Topic<S> {
  return { name, version, type: `${name}.v${version}`, schema };
}
