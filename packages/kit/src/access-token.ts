/** An access token handed out until shortly before it expires. */
export interface AccessToken {
  get(): Promise<string>;
  /** Drops the cached token after it was refused (revoked, realm keys rotated). */
  forget(): void;
}

/**
 * Caches what `grant` returns (a client-credentials grant, say) and renews it early, so that a
 * token never expires between being handed out and being used; callers arriving while a
 * renewal is under way share it.
 */
export function cachedAccessToken(grant: () => Promise<{ access_token: string; expires_in?: number | undefined }>): AccessToken {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const renew = async () => {
    const answer = await grant();
    const lifeMs = (answer.expires_in ?? 60) * 1000;
    cached = { token: answer.access_token, renewAt: Date.now() + lifeMs - Math.min(30_000, lifeMs / 4) };
    return answer.access_token;
  };

  return {
    async get() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= renew().finally(() => (pending = undefined));
      return pending;
    },
    forget() {
      cached = undefined;
    },
  };
}
