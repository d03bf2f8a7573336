import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface HttpMetrics {
  registry: Registry;
  requests: Counter<"method" | "route" | "status">;
  errors: Counter<"method" | "route" | "status">;
  duration: Histogram<"method" | "route" | "status">;
}

export function createMetrics(service: string): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  return {
    registry,
    requests: new Counter({ name: "http_requests_total", help: "HTTP requests answered", labelNames, registers: [registry] }),
    errors: new Counter({ name: "http_request_errors_total", help: "HTTP requests answered 5xx", labelNames, registers: [registry] }),
    duration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route",
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
