import { z } from "zod";
import { productSnapshot, type ProductSnapshot } from "@market/contracts";

export interface SnapshotPage {
  items: ProductSnapshot[];
  next: string | null;
}

/** The catalog export, one keyset page at a time (`after` = the last product id seen). */
export type SnapshotSource = (after: string | null) => Promise<SnapshotPage>;

const page = z.object({ items: z.array(productSnapshot), next: z.string().nullable() });

/**
 * The product service's `GET /catalog/snapshots` by Dapr service invocation through a
 * sidecar's HTTP API (the SDK's invoke drops the status and headers, and this call needs
 * to send a bearer token and read a 401).
 */
export function productSnapshotSource(options: {
  daprHttpPort: number;
  daprHost?: string;
  appId: string;
  limit: number;
  token: { get(): Promise<string>; forget(): void };
}): SnapshotSource {
  return async (after) => {
    const query = new URLSearchParams({ limit: String(options.limit), ...(after ? { after } : {}) });
    const url = `http://${options.daprHost ?? "127.0.0.1"}:${options.daprHttpPort}/v1.0/invoke/${options.appId}/method/catalog/snapshots?${query}`;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${await options.token.get()}`, accept: "application/json" } });
      if (response.status === 401 && attempt === 1) {
        options.token.forget();
        continue;
      }
      if (!response.ok) throw new Error(`catalog export answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      const parsed = page.safeParse(await response.json());
      if (!parsed.success) throw new Error(`catalog export broke its contract: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return parsed.data;
    }
  };
}
