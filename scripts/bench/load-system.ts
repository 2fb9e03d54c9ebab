/**
 * What the load section reads from the machine while it runs: IMAP sessions per account on the bench
 * Dovecot (doveadm who), the app's CPU time (/proc) and Dovecot's per-user-and-IP connection cap.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { processTree } from "./rss";

export const LOAD_ACCOUNTS = Array.from({ length: 20 }, (_, i) => `t${401 + i}@example.test`);

/** IMAP sessions per load account right now (one doveadm call for all of them), or null. */
export function sampleConnections(mailstackDir: string, accounts: readonly string[] = LOAD_ACCOUNTS): Promise<Record<string, number> | null> {
  const env = { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` };
  return new Promise((resolve) => {
    execFile("doveadm", ["-c", `${mailstackDir}/dovecot/dovecot.conf`, "who", "-1"], { env, timeout: 5_000 }, (err, out) => {
      if (err) return resolve(null);
      const counts: Record<string, number> = Object.fromEntries(accounts.map((a) => [a, 0]));
      for (const line of out.split("\n")) {
        const user = line.split(/\s+/)[0] ?? "";
        if (user in counts && /\bimap\b/.test(line)) counts[user]! += 1;
      }
      resolve(counts);
    });
  });
}

/** CPU seconds (user + system) of a process tree so far, from /proc (clock ticks of 1/100 s on Linux). */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // exited between listing and reading
    }
  }
  return ticks / 100;
}

export function serverLimit(mailstackDir: string): number | null {
  try {
    const conf = readFileSync(`${mailstackDir}/dovecot/dovecot.conf`, "utf8");
    const m = /mail_max_userip_connections\s*=\s*(\d+)/.exec(conf);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
