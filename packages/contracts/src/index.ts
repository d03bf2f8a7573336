export * from "./topic.ts";
export * from "./common.ts";
export * from "./topics.ts";
export * from "./address.ts";
