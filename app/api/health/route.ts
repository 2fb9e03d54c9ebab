import { json } from "@/lib/api/respond";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness for load balancers and the benchmark's HTTP floor: no session, no mail server. */
export async function GET() {
  return json({ ok: true });
}

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
