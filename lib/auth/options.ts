import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { encode, type JWTEncodeParams } from "next-auth/jwt";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { authorizeMailUser, type SignedInUser } from "@/lib/auth/authorize";
import { assertTokenLive, credentialsFromToken, revokeSession, sessionDeadline, SessionEndedError } from "@/lib/auth/session";
import { fingerprintOf } from "@/lib/auth/revocations";
import { endSession } from "@/lib/imap/pool";
import { endPop3Session } from "@/lib/mail/store-for";
import { cleanDisplayName } from "@/lib/shared/display-name";
import { presenceRegistry } from "@/lib/presence/registry";
import { personId } from "@/lib/presence/scope";

export const authOptions: NextAuthOptions = {
  // A getter so that importing this module (e.g. during `next build`) does not require the secret.
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  get session() {
    return { strategy: "jwt" as const, maxAge: Math.round(env().SESSION_MAX_HOURS * 3600) };
  },
  jwt: {
    // Every re-issued token (each /api/auth/session call slides the cookie) expires no later than the
    // absolute deadline counted from sign-in.
    async encode(params: JWTEncodeParams) {
      const signedInAt = params.token?.signedInAt;
      const maxAge = params.maxAge ?? env().SESSION_MAX_HOURS * 3600;
      const left = typeof signedInAt === "number" ? Math.floor((sessionDeadline(signedInAt) - Date.now()) / 1000) : maxAge;
      return encode({ ...params, maxAge: Math.max(1, Math.min(maxAge, left)) });
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session (expired, signed out elsewhere, password refused) is routine, not an error.
      if (metadata instanceof SessionEndedError) logger.info("session ended", { reason: metadata.reason });
      else logger.error("next-auth error", { code, message: metadata instanceof Error ? metadata.message : undefined });
    },
    warn(code) {
      logger.warn("next-auth warning", { code });
    },
    debug() {},
  },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Mail account",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        protocol: { label: "Account type", type: "text" },
        name: { label: "Your name (shown to colleagues)", type: "text" },
      },
      async authorize(credentials, req) {
        return authorizeMailUser(credentials, req?.headers as Record<string, unknown> | undefined);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        const u = user as unknown as SignedInUser;
        token.email = u.email;
        token.name = u.name;
        token.sealed = u.sealed;
        token.sid = u.sid;
        token.protocol = u.protocol;
        // The absolute lifetime counts from here, and the fingerprint lets a refused password end the session.
        token.signedInAt = Date.now();
        const creds = credentialsFromToken(token);
        if (creds) token.pwf = fingerprintOf(creds);
        return token;
      }
      // Past its lifetime, signed out or its password refused: next-auth clears the cookie (signed out).
      await assertTokenLive(token);
      // The display name is the only thing a browser may change in its token (account settings).
      if (trigger === "update") {
        const name = cleanDisplayName((session as { name?: unknown } | undefined)?.name);
        if (name) token.name = name;
        return token;
      }
      return token;
    },
    // Only the address and display name reach the browser; the sealed password stays in the token.
    async session({ session, token }) {
      session.user = { email: token.email ?? null, name: token.name ?? null };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid !== "string") return;
      await revokeSession(token.sid);
      // Redis away: not worth failing the sign-out for; the entries expire by themselves (EXPIRE_MS).
      await Promise.resolve(presenceRegistry().forget(personId(token.sid))).catch(() => {});
      const creds = credentialsFromToken(token);
      if (!creds) return;
      if (token.protocol === "pop3") endPop3Session(creds.user, token.sid);
      else await endSession(creds, token.sid);
    },
  },
};
