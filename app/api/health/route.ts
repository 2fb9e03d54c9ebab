import { json } from "@/lib/api/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness for load balancers and the benchmark's HTTP floor: no session, no mail server. */
export async function GET() {
  return json({ ok: true });
}
