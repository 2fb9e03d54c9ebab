import "server-only";
import { createHash } from "node:crypto";
import type { TeamMember } from "@/lib/team/team-store";

/*
 * A member is (login, display name). One shared login (support@) used by Ana and Ben is two members;
 * Ana signing in to her own login and working in an ACL-shared folder is a third, named by her own
 * login. The display name is compared case- and space-insensitively so "bob p" and "Bob  P" are one.
 */

const norm = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

export function memberId(login: string, name: string): string {
  return createHash("sha256").update(`mailroom-member:${login.trim().toLowerCase()}\n${norm(name)}`).digest("base64url").slice(0, 16);
}

export function member(login: string, name: string): TeamMember {
  return { id: memberId(login, name), login: login.trim().toLowerCase(), name: name.trim() };
}

/**
 * The members named with "@Name" in a note. Names may contain spaces ("@Bob P"), so each candidate's
 * name is looked for, longest first (so "@Bob P" is not also "@Bob"), after a non-letter (an address's
 * "x@ana" is not a mention) and followed by a non-letter or the end.
 */
export function findMentions(body: string, candidates: TeamMember[]): string[] {
  const text = body.toLowerCase();
  const found = new Set<string>();
  const taken: Array<[number, number]> = [];
  const byLength = [...candidates].sort((a, b) => norm(b.name).length - norm(a.name).length);
  for (const c of byLength) {
    const needle = `@${norm(c.name)}`;
    if (needle.length < 2) continue;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      const next = text.charAt(end);
      const prev = i > 0 ? text.charAt(i - 1) : "";
      // "x@ana.example" is an address, not a mention.
      if ((next && /[\p{L}\p{N}_]/u.test(next)) || (prev && /[\p{L}\p{N}_.+-]/u.test(prev))) continue;
      if (taken.some(([s, e]) => i < e && end > s)) continue;
      taken.push([i, end]);
      found.add(c.id);
    }
  }
  return [...found];
}
