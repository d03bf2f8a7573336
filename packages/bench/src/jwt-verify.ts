// The cost of verifying a real Keycloak access token as every service does it: signature
// against the realm's JWKS (fetched once, then cached by jose), issuer, audience, expiry.
// Prints one JSON line: verifications per second on one core and p50/p99 in microseconds.
import { createVerifier } from "@market/kit";
import { issuer, passwordToken } from "@market/testing";

const [username, password, countArg] = process.argv.slice(2);
if (!username || !password) throw new Error("usage: jwt-verify.ts USERNAME PASSWORD [COUNT]");
const count = Number(countArg ?? 20_000);
const token = await passwordToken(username, password);
const verify = createVerifier({ issuer, audience: "marketplace-api" });
await verify(token); // fetches the JWKS once

const samples: number[] = [];
const started = performance.now();
for (let i = 0; i < count; i++) {
  const t0 = performance.now();
  await verify(token);
  samples.push((performance.now() - t0) * 1000);
}
const elapsed = (performance.now() - started) / 1000;
samples.sort((a, b) => a - b);
const at = (q: number) => Math.round(samples[Math.floor(q * (samples.length - 1))]!);
console.log(JSON.stringify({ verifications: count, perSecond: Math.round(count / elapsed), p50us: at(0.5), p99us: at(0.99) }));
