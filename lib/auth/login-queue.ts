import "server-only";

/*
 * Fresh verification logins per account, bounded. The server caps connections per user and IP
 * (Dovecot 10) and the pool and watchers hold some, so only a couple of logins per account run at
 * once and the rest wait. Twenty colleagues signing in to a shared account at the same moment queue
 * rather than being refused; a flood of guesses does not queue without end: the waiting line is
 * bounded per client and per account, and served round-robin by client so that the real owner,
 * arriving from another address, is next after at most one attempt per other client.
 */

export class LoginQueueFull extends Error {
  constructor() {
    super("sign-in queue full");
    this.name = "LoginQueueFull";
  }
}

export interface LoginQueueOptions {
  /** Logins running at once per account. */
  active?: number;
  /** Attempts waiting per account. */
  maxWaiting?: number;
  /** Attempts waiting per (account, client). */
  maxWaitingPerClient?: number;
  /** Accounts with logins running or waiting; past it new accounts are refused. */
  maxAccounts?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

interface Line {
  active: number;
  waiting: number;
  /** Waiters per client; Map order is the round-robin order. */
  byClient: Map<string, Waiter[]>;
}

export interface LoginQueue {
  run<T>(account: string, client: string, fn: () => Promise<T>): Promise<T>;
  /** Accounts currently tracked, for tests. */
  readonly accounts: number;
}

export function createLoginQueue(opts: LoginQueueOptions = {}): LoginQueue {
  const maxActive = opts.active ?? 2;
  const maxWaiting = opts.maxWaiting ?? 16;
  const maxPerClient = opts.maxWaitingPerClient ?? 2;
  const maxAccounts = opts.maxAccounts ?? 10_000;
  const lines = new Map<string, Line>();

  const next = (account: string, line: Line) => {
    const first = line.byClient.entries().next();
    if (first.done) {
      if (line.active === 0) lines.delete(account);
      return;
    }
    const [client, waiters] = first.value;
    const w = waiters.shift()!;
    line.byClient.delete(client);
    if (waiters.length) line.byClient.set(client, waiters); // to the back of the round
    line.waiting--;
    line.active++;
    w.resolve();
  };

  /** Makes room for client by turning away the newest waiter of the client with the most waiting, if that is more than client has. */
  const admit = (line: Line, client: string): boolean => {
    const mine = line.byClient.get(client)?.length ?? 0;
    if (mine >= maxPerClient) return false;
    if (line.waiting < maxWaiting) return true;
    let worst: [string, Waiter[]] | null = null;
    for (const entry of line.byClient) if (!worst || entry[1].length > worst[1].length) worst = entry;
    if (!worst || worst[1].length <= mine) return false;
    worst[1].pop()!.reject(new LoginQueueFull());
    if (worst[1].length === 0) line.byClient.delete(worst[0]);
    line.waiting--;
    return true;
  };

  return {
    get accounts() {
      return lines.size;
    },
    async run(account, client, fn) {
      let line = lines.get(account);
      if (!line) {
        if (lines.size >= maxAccounts) throw new LoginQueueFull();
        line = { active: 0, waiting: 0, byClient: new Map() };
        lines.set(account, line);
      }
      const l = line;
      if (l.active >= maxActive) {
        if (!admit(l, client)) {
          if (l.active === 0 && l.waiting === 0) lines.delete(account);
          throw new LoginQueueFull();
        }
        await new Promise<void>((resolve, reject) => {
          const list = l.byClient.get(client) ?? [];
          list.push({ resolve, reject });
          l.byClient.set(client, list);
          l.waiting++;
        });
      } else {
        l.active++;
      }
      try {
        return await fn();
      } finally {
        l.active--;
        next(account, l);
      }
    },
  };
}
