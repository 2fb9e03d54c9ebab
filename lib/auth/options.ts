import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authorizeMailUser, type SignedInUser } from "@/lib/auth/authorize";
import { credentialsFromToken, revokeSession } from "@/lib/auth/session";
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
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
      // The display name is the only thing a browser may change in its token (account settings).
      if (trigger === "update") {
        const name = cleanDisplayName((session as { name?: unknown } | undefined)?.name);
        if (name) token.name = name;
        return token;
      }
      if (user) {
        const u = user as unknown as SignedInUser;
        token.email = u.email;
        token.name = u.name;
        token.sealed = u.sealed;
        token.sid = u.sid;
        token.protocol = u.protocol;
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
      revokeSession(token.sid);
      presenceRegistry().forget(personId(token.sid));
      const creds = credentialsFromToken(token);
      if (!creds) return;
      if (token.protocol === "pop3") endPop3Session(creds.user, token.sid);
      else await endSession(creds, token.sid);
    },
  },
};
