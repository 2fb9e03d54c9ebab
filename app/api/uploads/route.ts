import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { receiveUpload } from "@/lib/compose/receive-upload";
import type { UploadInfo } from "@/lib/shared/compose";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One attachment as multipart/form-data, streamed to disk; ATTACHMENT_TOO_LARGE past UPLOAD_MAX_MB. */
export const POST = withStore(async ({ req, session }) => json<UploadInfo>(await receiveUpload(session.email, req)), { body: "multipart" });
