import { AppError } from "@market/kit";

/**
 * The public surface of each service: only paths under these prefixes are forwarded.
 * Everything else a service answers (/events/* for its sidecar, /dapr/subscribe, /metrics,
 * /healthz) is for the mesh and the platform, never for the internet.
 */
export const publicPrefixes: Record<string, readonly string[]> = {
  auth: ["auth/"],
  user: ["users/"],
  notification: ["notifications/"],
  vendor: ["vendors/", "webhooks/"],
  // Reservations are for checkout, by service invocation, not for the public.
  product: ["products/", "categories/"],
  search: ["search/"],
};

/**
 * Decodes and normalises the path after /api/<service>/ so that `%65vents`, `//events` or
 * `a/../events` cannot slip past the prefix check, and re-encodes it for forwarding.
 */
export function publicPath(service: string, rawPath: string): string {
  let segments: string[];
  try {
    segments = rawPath.split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
  } catch {
    throw new AppError("bad_request", "The path is not valid percent-encoding.");
  }
  if (segments.some((s) => s === "." || s === ".." || s.includes("/"))) throw new AppError("not_found");
  const path = segments.join("/");
  const prefixes = publicPrefixes[service] ?? [];
  if (!prefixes.some((prefix) => `${path}/`.startsWith(prefix))) throw new AppError("not_found", `No public route ${service}/${path}.`);
  return segments.map(encodeURIComponent).join("/");
}
