import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { receiveUpload } from "@/lib/compose/receive-upload";
import type { UploadInfo } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One attachment as multipart/form-data, streamed to disk; ATTACHMENT_TOO_LARGE past UPLOAD_MAX_MB. */
export const POST = withStore(async ({ req, session }) => json<UploadInfo>(await receiveUpload(session.email, req)), { body: "multipart" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
