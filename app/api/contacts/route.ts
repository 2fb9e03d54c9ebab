import { z } from "zod";
import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { searchContacts } from "@/lib/compose/contacts";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({ q: z.string().max(200).default("") });

/** Address autocomplete from people the user wrote to or heard from recently. */
export const GET = withStore(async ({ req, session, store }) => {
  const { q } = schema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ contacts: await searchContacts(session.email, store, q) });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
