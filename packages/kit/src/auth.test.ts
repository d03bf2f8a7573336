import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createVerifier, ownedOr404, type Verifier } from "./auth.ts";
import { AppError } from "./errors.ts";

const issuer = "http://127.0.0.1:18080/realms/marketplace";
const audience = "marketplace-api";
type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let privateKey: Key;
let otherKey: Key;
let verify: Verifier;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  verify = createVerifier({ issuer, audience, keys: createLocalJWKSet({ keys: [jwk] }) });
});

const token = (claims: Record<string, unknown> = {}, options: { key?: Key; exp?: string | number; iss?: string; aud?: string } = {}) =>
  new SignJWT({ realm_access: { roles: ["customer"] }, email: "a@example.test", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setSubject("5f0c7f8e-3c1a-4c39-9e43-8f1d2a7b6c5d")
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? "5m")
    .sign(options.key ?? privateKey);

const rejects = async (jwt: string) => expect(verify(jwt)).rejects.toMatchObject({ code: "unauthenticated" });

describe("createVerifier", () => {
  it("accepts a token signed by the realm key and exposes the user id and roles", async () => {
    const user = await verify(await token({ realm_access: { roles: ["vendor", "customer"] } }));
    expect(user.id).toBe("5f0c7f8e-3c1a-4c39-9e43-8f1d2a7b6c5d");
    expect([...user.roles].sort()).toEqual(["customer", "vendor"]);
    expect(user.email).toBe("a@example.test");
  });

  it("rejects an expired token", async () => rejects(await token({}, { exp: Math.floor(Date.now() / 1000) - 60 })));
  it("rejects a token from another issuer", async () => rejects(await token({}, { iss: "http://evil.example/realms/marketplace" })));
  it("rejects a token for another audience", async () => rejects(await token({}, { aud: "another-api" })));
  it("rejects a token signed by another key", async () => rejects(await token({}, { key: otherKey })));

  it("rejects a token whose payload was tampered with", async () => {
    const [header, payload, signature] = (await token()).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    claims.realm_access.roles.push("admin");
    await rejects([header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join("."));
  });

  it("rejects an unsigned token (alg none)", async () => {
    const [, payload] = (await token({ realm_access: { roles: ["admin"] } })).split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    await rejects(`${header}.${payload}.`);
  });
});

describe("ownedOr404", () => {
  const user = { id: "u1", roles: new Set(["customer"]), email: undefined, name: undefined, clientId: undefined };
  it("answers not found for another tenant's object, as for a missing one", () => {
    expect(() => ownedOr404({ ownerId: "u2" }, (o) => o.ownerId === user.id, user)).toThrow(AppError);
    expect(() => ownedOr404(undefined, () => true, user)).toThrow(expect.objectContaining({ code: "not_found" }));
  });
  it("returns the caller's own object", () => {
    expect(ownedOr404({ ownerId: "u1" }, (o) => o.ownerId === user.id, user)).toEqual({ ownerId: "u1" });
  });
  it("lets an admin through only when allowed", () => {
    const admin = { ...user, id: "a", roles: new Set(["admin"]) };
    expect(ownedOr404({ ownerId: "u1" }, (o) => o.ownerId === admin.id, admin, true)).toEqual({ ownerId: "u1" });
    expect(() => ownedOr404({ ownerId: "u1" }, (o) => o.ownerId === admin.id, admin, false)).toThrow(AppError);
  });
});
