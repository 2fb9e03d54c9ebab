import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
