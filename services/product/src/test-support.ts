import pg from "pg";
import { createTestUser, startTestService, type TestService, type TestUser } from "@market/testing";
import { startProductService } from "./main.ts";

/** A JSON answer as tests read it. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ProductHarness {
  service: TestService;
  admin: TestUser;
  vendor: TestUser;
  customer: TestUser;
  db: pg.Pool;
  call(user: TestUser | undefined, method: string, path: string, body?: unknown): Promise<Answer>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The topics of the outbox rows about one product, in order. */
  topicsOf(productId: string): Promise<string[]>;
  /** The user's access token, fetched once per file. */
  tokenOf(user: TestUser): Promise<string>;
  stop(): Promise<void>;
}

/** The product service in-process beside a real daprd, with an admin, a vendor and a customer of Keycloak's. */
export async function startProductHarness(appId: string, env: Record<string, string> = {}): Promise<ProductHarness> {
  const [service, admin, vendor, customer] = await Promise.all([
    startTestService({ appId, start: startProductService, env }),
    createTestUser(["admin"], "Grace Admin"),
    createTestUser(["vendor"], "Vera Vendor"),
    createTestUser(["customer"], "Carl Customer"),
  ]);
  const db = new pg.Pool({ connectionString: service.database!.url, max: 2 });

  // One password grant per user for the whole file: Keycloak round trips would otherwise
  // dominate the run and spread out requests that are meant to arrive together.
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (user: TestUser) => tokens.get(user.id) ?? tokens.set(user.id, user.token()).get(user.id)!;

  const call: ProductHarness["call"] = async (user, method, path, body) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${await tokenOf(user)}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const rows = async <T,>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
  const topicsOf = async (productId: string) =>
    (await rows<{ topic: string }>("select topic from outbox where partition_key = $1 order by seq", [productId])).map((r) => r.topic);

  return {
    service, admin, vendor, customer, db, call, rows, topicsOf, tokenOf,
    async stop() {
      await db.end();
      await service.stop();
    },
  };
}
