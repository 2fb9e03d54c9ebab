/**
 * Section "memory while a 50 MB attachment downloads": the app must stream an attachment from IMAP
 * to the client without holding it, so the server's RSS may grow only by buffers, not by the file.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { MessageDetail } from "../../lib/shared/types";
import { appendBigMessage, ATTACHMENT_NAME, describeBigMessage, findBigMessage } from "./big-attachment";
import { Client, HttpError, type Credentials } from "./http";
import { closeRaw, connectRaw, downloadPart, type Digest, type ImapTarget } from "./imap";
import { quietRss, RssSampler, toMb, type RssSummary } from "./rss";
import { round } from "./stats";
import { log } from "./stack";

const MIB = 1024 * 1024;
const FOLDER = "INBOX";

export interface DownloadResult {
  description: string;
  user: string;
  uid: number;
  part_id: string;
  appended_this_run: boolean;
  bytes: number;
  sha256: string;
  sha256_match: boolean;
  baseline_rss_mb: number;
  peak_rss_mb: number;
  growth_mb: number;
  rss_after_mb: number;
  rss_at_progress_mb: number[];
  second_download: { peak_rss_mb: number; growth_mb: number; duration_s: number; throughput_mb_s: number; rss_at_progress_mb: number[] };
  rss_samples: number;
  rss_interval_ms: number;
  rss_pids: number[];
  duration_s: number;
  throughput_mb_s: number;
  raw: { duration_s: number; throughput_mb_s: number };
  /** app throughput / raw imapflow download() throughput. */
  throughput_ratio: number;
  target_growth_mb: number;
  targets: { growth_mb: { max: number; source: "brief" } };
  pass: boolean;
}

/** Streams the response body into a hash, reading as fast as the server sends; onProgress sees the running byte count. */
async function digestResponse(res: Response, onProgress: (bytes: number) => void): Promise<Digest> {
  if (!res.body) throw new Error("attachment response has no body");
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    hash.update(value);
    bytes += value.length;
    onProgress(bytes);
  }
  return { bytes, sha256: hash.digest("hex") };
}

interface AppDownload {
  digest: Digest;
  seconds: number;
  rss: RssSummary;
  /** Server RSS (MiB) when 10 %, 20 %, … 100 % of the bytes had arrived: a steady climb means the file is being held. */
  rssAtProgress: number[];
}

async function downloadThroughApp(app: Client, url: string, appPid: number, intervalMs: number, expectBytes: number): Promise<AppDownload> {
  const sampler = new RssSampler(appPid, intervalMs);
  const rssAtProgress: number[] = [];
  let nextMark = 1;
  sampler.start();
  const t0 = performance.now();
  let digest: Digest;
  let rss: RssSummary;
  try {
    const res = await app.request(url);
    if (res.status !== 200) throw new HttpError("attachment download", res.status, await res.text());
    digest = await digestResponse(res, (bytes) => {
      while (nextMark <= 10 && bytes >= (expectBytes * nextMark) / 10) {
        rssAtProgress.push(toMb(sampler.sample()));
        nextMark++;
      }
    });
  } finally {
    rss = sampler.stop();
  }
  return { digest, seconds: (performance.now() - t0) / 1000, rss, rssAtProgress };
}

export async function benchDownload(o: {
  appUrl: string;
  appPid: number;
  creds: Credentials;
  imap: ImapTarget;
  attachmentBytes: number;
  rssIntervalMs: number;
}): Promise<DownloadResult> {
  const msg = describeBigMessage(o.attachmentBytes);
  const raw = await connectRaw(o.imap);
  let appended = false;
  try {
    let uid = await findBigMessage(raw, msg);
    if (uid === null) {
      log(`appending "${msg.subject}" (${(msg.messageBytes / MIB).toFixed(1)} MiB) to ${o.creds.email}'s ${FOLDER}`);
      await appendBigMessage({ host: o.imap.host, port: o.imap.port, user: o.imap.user, password: o.imap.password }, msg);
      appended = true;
      uid = await findBigMessage(raw, msg);
      if (uid === null) throw new Error(`appended "${msg.subject}" but cannot find it with the expected size ${msg.messageBytes}`);
    } else {
      log(`"${msg.subject}" already present as UID ${uid}`);
    }

    const app = new Client(o.appUrl);
    await app.signIn(o.creds);
    const detail = await app.getJson<MessageDetail>(`/api/messages/${uid}?folder=${FOLDER}&peek=1`);
    const att = detail.attachments.find((a) => a.filename === ATTACHMENT_NAME);
    if (!att) throw new Error(`detail of UID ${uid} lists no ${ATTACHMENT_NAME}: ${JSON.stringify(detail.attachments)}`);

    const baseline = await quietRss(o.appPid, 500, o.rssIntervalMs);
    log(`downloading part ${att.partId} through the app (server RSS baseline ${baseline.median_mb} MiB)`);
    const url = `/api/messages/${uid}/attachments/${att.partId}?folder=${FOLDER}`;
    const first = await downloadThroughApp(app, url, o.appPid, o.rssIntervalMs, msg.attachmentBytes);
    const got = first.digest;
    const seconds = first.seconds;
    const rss = first.rss;
    if (got.bytes !== msg.attachmentBytes || got.sha256 !== msg.attachmentSha256) {
      throw new Error(
        `attachment download through the app is corrupt: got ${got.bytes} bytes sha256 ${got.sha256}, ` +
          `appended ${msg.attachmentBytes} bytes sha256 ${msg.attachmentSha256}`,
      );
    }
    // A second download against the same baseline: if the peak does not climb again, the growth is
    // memory the server reuses (heap and buffer pools), not attachments it keeps.
    log("downloading it through the app a second time");
    const second = await downloadThroughApp(app, url, o.appPid, o.rssIntervalMs, msg.attachmentBytes);
    if (second.digest.sha256 !== msg.attachmentSha256) throw new Error(`second download through the app is corrupt: sha256 ${second.digest.sha256}`);
    const after = await quietRss(o.appPid, 500, o.rssIntervalMs);
    await app.signOut();

    log("downloading the same part with imapflow download()");
    const r0 = performance.now();
    const rawGot = await downloadPart(raw, FOLDER, uid, att.partId);
    const rawSeconds = (performance.now() - r0) / 1000;
    if (rawGot.sha256 !== msg.attachmentSha256) throw new Error(`raw imapflow download is corrupt: sha256 ${rawGot.sha256}`);

    const growth = round(rss.peak_mb - baseline.median_mb, 1);
    const throughput = round(got.bytes / MIB / seconds);
    const rawThroughput = round(rawGot.bytes / MIB / rawSeconds);
    const limit = 64;
    return {
      description:
        `GET /api/messages/<uid>/attachments/<partId> of a ${toMb(msg.attachmentBytes)} MiB base64 attachment, body consumed and hashed; ` +
        `server RSS = sum of VmRSS over the next start process tree, sampled every ${o.rssIntervalMs} ms; baseline = median over 500 ms before. MB = MiB.`,
      user: o.creds.email,
      uid,
      part_id: att.partId,
      appended_this_run: appended,
      bytes: got.bytes,
      sha256: got.sha256,
      sha256_match: true,
      baseline_rss_mb: baseline.median_mb,
      peak_rss_mb: rss.peak_mb,
      growth_mb: growth,
      rss_after_mb: after.median_mb,
      rss_at_progress_mb: first.rssAtProgress,
      second_download: {
        peak_rss_mb: second.rss.peak_mb,
        growth_mb: round(second.rss.peak_mb - baseline.median_mb, 1),
        duration_s: round(second.seconds, 3),
        throughput_mb_s: round(second.digest.bytes / MIB / second.seconds),
        rss_at_progress_mb: second.rssAtProgress,
      },
      rss_samples: rss.samples,
      rss_interval_ms: o.rssIntervalMs,
      rss_pids: rss.pids,
      duration_s: round(seconds, 3),
      throughput_mb_s: throughput,
      raw: { duration_s: round(rawSeconds, 3), throughput_mb_s: rawThroughput },
      throughput_ratio: round(throughput / rawThroughput, 3),
      target_growth_mb: limit,
      targets: { growth_mb: { max: limit, source: "brief" } },
      pass: growth < limit,
    };
  } finally {
    await closeRaw(raw);
  }
}
