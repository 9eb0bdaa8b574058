/** What `signIn`, `refreshSession` and `changePassword` answer. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid. */
  expiresIn: number;
}

/** Trades a refresh token (it works once) for the next pair; rejects when the server refuses or cannot be reached. */
export type Refresher = (refreshToken: string) => Promise<SessionTokens>;

export type SessionState = 'signedIn' | 'restoring' | 'signedOut';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SessionOptions {
  refresh: Refresher;
  /** Where the refresh token survives a reload (the app passes sessionStorage; ADR 0042 says why). */
  storage?: KeyValueStorage;
  /** True when a failed refresh means the server refused (the session is over), false when it was not reached. */
  isRefusal?: (error: unknown) => boolean;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const REFRESH_TOKEN_KEY = 'tessera.refreshToken';

/** How long before the access token expires it is refreshed: a fifth of its life, at most a minute. */
export function refreshDelay(expiresInSeconds: number): number {
  const life = Math.max(0, expiresInSeconds) * 1000;
  return Math.max(0, life - Math.min(60_000, life / 5));
}

/** After a refresh could not reach the server, how long until the next try. */
const RETRY_MS = 15_000;

/**
 * The signed-in session of this tab: the access token in memory only, the refresh token in
 * `storage` so a reload stays signed in. The access token is refreshed before it expires and once
 * after the server refused it; concurrent callers share one refresh. A refusal ends the session
 * (listeners hear it, the app shows the sign-in page and clears its caches).
 */
export class Session {
  private access: { token: string; expiresAt: number } | undefined;
  /** The refresh token, also in memory so a tab without storage can still refresh. */
  private refreshToken: string | undefined;
  private current: SessionState;
  private refreshing: Promise<boolean> | undefined;
  private timer: unknown;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<Omit<SessionOptions, 'storage'>> & { storage?: KeyValueStorage };

  constructor(options: SessionOptions) {
    this.options = {
      isRefusal: () => true,
      now: () => Date.now(),
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
    this.current = this.storedRefreshToken() ? 'restoring' : 'signedOut';
  }

  get state(): SessionState {
    return this.current;
  }

  get accessToken(): string | undefined {
    return this.access?.token;
  }

  /** Who is signed in (the access token's subject), for display only: the server checks the token. */
  get username(): string | undefined {
    return this.access ? tokenSubject(this.access.token) : undefined;
  }

  /** A number that changes whenever the session does (for React's useSyncExternalStore). */
  get snapshot(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or continues) the session with a fresh pair from signIn, refreshSession or changePassword. */
  start(tokens: SessionTokens): void {
    this.access = { token: tokens.accessToken, expiresAt: this.options.now() + tokens.expiresIn * 1000 };
    this.writeRefreshToken(tokens.refreshToken);
    this.schedule(refreshDelay(tokens.expiresIn));
    this.change('signedIn');
  }

  /** After a reload: trades the stored refresh token for an access token (false: sign in again). */
  restore(): Promise<boolean> {
    return this.current === 'restoring' ? this.refresh() : Promise.resolve(this.current === 'signedIn');
  }

  /** One refresh, shared by everyone who asks while it runs. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.runRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * The server refused `rejected` (401 / UNAUTHENTICATED): true when a newer token is there to retry
   * with, because another request refreshed meanwhile or this call did. At most one refresh per rejection.
   */
  recover(rejected: string | undefined): Promise<boolean> {
    if (this.refreshing) return this.refreshing;
    if (this.current === 'signedOut') return Promise.resolve(false);
    if (this.current === 'signedIn' && this.access && this.access.token !== rejected) return Promise.resolve(true);
    if (!this.storedRefreshToken()) {
      this.end();
      return Promise.resolve(false);
    }
    return this.refresh();
  }

  /** Before a request: refreshes first when the access token is (nearly) expired, e.g. after the computer slept. */
  async ensureFresh(): Promise<void> {
    if (this.refreshing) {
      await this.refreshing;
    } else if (this.access && this.access.expiresAt - this.options.now() < 5_000) {
      await this.refresh();
    }
  }

  /** Ends the session in this tab: forgets both tokens (signing out on the server is the caller's part). */
  end(): void {
    this.options.clearTimer(this.timer);
    this.timer = undefined;
    this.access = undefined;
    this.refreshToken = undefined;
    this.options.storage?.removeItem(REFRESH_TOKEN_KEY);
    this.change('signedOut');
  }

  private async runRefresh(): Promise<boolean> {
    const refreshToken = this.storedRefreshToken();
    if (!refreshToken) {
      this.end();
      return false;
    }
    try {
      this.start(await this.options.refresh(refreshToken));
      return true;
    } catch (error) {
      const refused = this.options.isRefusal(error);
      if (!refused && this.access) {
        this.schedule(RETRY_MS); // the server was not reached: the access token may still serve
        return false;
      }
      if (refused) {
        this.refreshToken = undefined;
        this.options.storage?.removeItem(REFRESH_TOKEN_KEY);
      }
      this.options.clearTimer(this.timer);
      this.access = undefined;
      this.change('signedOut');
      return false;
    }
  }

  private schedule(ms: number): void {
    this.options.clearTimer(this.timer);
    this.timer = this.options.setTimer(() => void this.refresh(), ms);
  }

  private storedRefreshToken(): string | null {
    return this.refreshToken ?? this.options.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
  }

  private writeRefreshToken(token: string): void {
    this.refreshToken = token;
    this.options.storage?.setItem(REFRESH_TOKEN_KEY, token);
  }

  private change(state: SessionState): void {
    this.current = state;
    this.version++;
    this.listeners.forEach((l) => l());
  }
}

/** The `sub` claim of a JWT (no signature check: only for showing who is signed in). */
export function tokenSubject(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && typeof (claims as { sub?: unknown }).sub === 'string'
      ? (claims as { sub: string }).sub
      : undefined;
  } catch {
    return undefined;
  }
}
