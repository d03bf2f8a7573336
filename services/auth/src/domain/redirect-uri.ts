/**
 * Where Keycloak may send a browser back after login: the storefront's own origins on this
 * machine (http://127.0.0.1:<port>/… or http://localhost:<port>/…), as the realm allows for
 * the storefront client. Anything else would let a crafted link deliver a user's
 * authorization code to a stranger. No query or fragment: the code exchange must repeat the
 * address exactly, and the code arrives as the query.
 */
export function allowedRedirectUri(value: string): string | undefined {
  if (/[?#\\\s]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "http:" || !local || url.port === "" || url.username || url.password) return undefined;
  return url.href;
}
