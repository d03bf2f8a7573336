// Keycloak holds the identities; this database holds only what makes events reliable:
// the outbox (user.registered) and the inbox (vendor events applied once).
export { outbox } from "@market/kit/outbox";
export { inbox } from "@market/kit/inbox";
