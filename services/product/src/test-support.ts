import pg from "pg";
import { vendorApproved, vendorPayoutsUpdated, vendorSuspended } from "@market/contracts";
import { newId } from "@market/kit";
import { cloudEvent, createTestUser, publishThrough, startTestService, waitFor, type TestService, type TestUser } from "@market/testing";
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
  /** A call with a raw bearer token (a service account's, a tampered one). */
  callWithToken(token: string | undefined, method: string, path: string): Promise<Answer>;
  /**
   * Makes `owner` a seller as the vendor service would: vendor.approved (and, unless told
   * otherwise, vendor.payouts_updated with payouts enabled) published through the sidecar,
   * waiting until the catalog has applied them. Returns the vendor id.
   */
  makeSeller(owner: TestUser, options?: { payoutsEnabled?: boolean; vendorId?: string }): Promise<string>;
  /** Publishes a vendor event about `vendorId` and waits until the seller row shows its effect. */
  vendorEvent(kind: "approved" | "suspended" | "payouts", vendorId: string, owner: TestUser, options?: { payoutsEnabled?: boolean; at?: Date }): Promise<string>;
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

  const callWithToken: ProductHarness["callWithToken"] = async (token, method, path) => {
    const res = await fetch(`${service.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  const vendorEvent: ProductHarness["vendorEvent"] = async (kind, vendorId, owner, options = {}) => {
    const at = (options.at ?? new Date()).toISOString();
    const event =
      kind === "payouts"
        ? cloudEvent(vendorPayoutsUpdated, { vendorId, ownerId: owner.id, chargesEnabled: true, payoutsEnabled: options.payoutsEnabled ?? true, at }, vendorId, "vendor")
        : kind === "approved"
          ? cloudEvent(vendorApproved, { vendorId, ownerId: owner.id, at, by: admin.id, reinstated: false }, vendorId, "vendor")
          : cloudEvent(vendorSuspended, { vendorId, ownerId: owner.id, at, by: admin.id, reason: "test" }, vendorId, "vendor");
    const topic = kind === "payouts" ? vendorPayoutsUpdated : kind === "approved" ? vendorApproved : vendorSuspended;
    await publishThrough(service.sidecar.httpPort, topic, event, vendorId);
    await waitFor(async () => (await rows("select 1 from inbox where event_id = $1", [event.id])).length === 1, { what: `the catalog to apply ${topic.name}` });
    return event.id;
  };

  const makeSeller: ProductHarness["makeSeller"] = async (owner, options = {}) => {
    const vendorId = options.vendorId ?? newId("vnd");
    await vendorEvent("approved", vendorId, owner);
    if (options.payoutsEnabled !== false) await vendorEvent("payouts", vendorId, owner, { payoutsEnabled: true });
    return vendorId;
  };

  // The harness's own vendor sells from the start; tests that need others make their own.
  await makeSeller(vendor);

  return {
    service, admin, vendor, customer, db, call, rows, topicsOf, tokenOf, callWithToken, makeSeller, vendorEvent,
    async stop() {
      await db.end();
      await service.stop();
    },
  };
}
