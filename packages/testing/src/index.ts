export * from "./database.ts";
export * from "./infra.ts";
export * from "./keycloak.ts";
export * from "./ports.ts";
export * from "./service.ts";
export * from "./sidecar.ts";
export * from "./wait.ts";
export * from "./events.ts";
