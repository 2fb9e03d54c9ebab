/**
 * The bench sections that need the app server: the HTTP API against imapflow (list, open, search,
 * first request, the 50 MB download), the prefetched open in Chromium, realtime, load and big-folder
 * paging. One `next start` for all of them (scripts/bench/stack.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchOpenPrefetched } from "./open-prefetched";
import { ATTACHMENT_USER, BULK100K_USER, BULK_COUNT, BULK_USER, REALTIME_USER, passwordOf, type BenchConfig } from "./config";
import { benchRealtime } from "./realtime";
import { benchBigFolder } from "./big-folder";
import { benchDownload } from "./download";
import { benchFirstRequest } from "./first-request";
import { Client } from "./http";
import { closeRaw, connectRaw, messageCount, type ImapTarget } from "./imap";
import { ensureBuild, log, startApp, stopApp } from "./stack";
import { benchList, benchOpen } from "./warm-requests";
import { benchSearchStream } from "./search-stream";
import { benchLoad } from "./load";
import { seedBenchMail } from "./browser";
import { cleanups } from "./cleanup";

export type Section = { pass: boolean };

export const HTTP_SECTIONS = ["list_newest_50", "open_message", "search_stream", "first_request_after_sign_in", "attachment_download_50mb"];

export async function appSections(cfg: BenchConfig, dataDir: string, want: (key: string) => boolean): Promise<{ sections: Record<string, Section>; setup: Record<string, unknown> }> {
  const built = await ensureBuild(cfg, dataDir);
  const app = await startApp(cfg, dataDir);
  if (!cfg.keep) cleanups.push({ what: "stop app", fn: () => stopApp(app) });
  if (cfg.keep) log(`--keep: app will stay running on ${cfg.appUrl} (pid ${app.pid}), app data in ${dataDir}`);

  const sections: Record<string, Section> = {};
  const buildIdFile = path.join(cfg.project, ".next", "BUILD_ID");
  const setup = { app_url: cfg.appUrl, build_id: readFileSync(buildIdFile, "utf8").trim(), built_this_run: built, login_page_status: app.loginStatus };
  if (HTTP_SECTIONS.some(want)) Object.assign(setup, await httpSections(cfg, app.pid, want, sections));
  if (want("open_prefetched_browser")) {
    const open = await benchOpenPrefetched({ appUrl: cfg.appUrl, creds: { email: BULK_USER, password: passwordOf(BULK_USER) }, rounds: cfg.prefetchRounds });
    log(`  open prefetched (browser): median ${open.prefetched.median_ms} ms (not prefetched ${open.not_prefetched.median_ms} ms), requests during prefetched opens ${open.prefetched_open_requests}`);
    sections.open_prefetched_browser = open;
  }
  if (want("realtime")) {
    const rt = await benchRealtime({
      appUrl: cfg.appUrl,
      imap: { host: cfg.imapHost, port: cfg.imapPort, user: REALTIME_USER, password: passwordOf(REALTIME_USER) },
      mailstackDir: cfg.mailstackDir,
      sessions: cfg.realtimeSessions,
      changes: cfg.realtimeChanges,
    });
    log(`  realtime: median ${rt.app.median_ms} ms, p95 ${rt.app.p95_ms} ms (raw median ${rt.raw.median_ms} ms, ratio ${rt.ratio}); watchers ${rt.imap_connections.watchers}, IMAP sessions ${rt.imap_connections.total}`);
    sections.realtime = rt;
  }
  if (want("load")) {
    sections.load = await benchLoad({
      appUrl: cfg.appUrl,
      appPid: app.pid,
      mailstackDir: cfg.mailstackDir,
      imapHost: cfg.imapHost,
      imapPort: cfg.imapPort,
      sessions: cfg.loadSessions,
      seconds: cfg.loadSeconds,
      rate: cfg.loadRate,
      waves: cfg.loadWaves,
      phase: cfg.loadPhase,
      search: cfg.loadSearch,
      poolSize: Number(process.env.IMAP_POOL_SIZE || 3),
    });
  }
  if (want("big_folder_paging")) {
    await seedBenchMail(cfg, log);
    // Issue 13 point 8: first page and far pages on 10,000 and 100,000 messages, against a raw sequence-range FETCH.
    const folders: Record<string, unknown> = {};
    for (const user of [BULK_USER, BULK100K_USER]) {
      const r = await benchBigFolder(cfg.appUrl, { host: cfg.imapHost, port: cfg.imapPort, user, password: passwordOf(user) }, cfg.listIterations);
      const steps = [r.first_page, r.near_page_uncached, r.far_page_uncached, r.far_page_cached, r.jump_to_day_uncached].map((s) => `${s.app.median_ms} ms (x${s.ratio})`);
      log(`  big folder ${r.messages}: first, near, far, far cached, jump: ${steps.join(", ")}; old method raw near ${r.before_change_method.near.median_ms} ms, far ${r.before_change_method.far.median_ms} ms; after a change elsewhere ${r.after_flag_change_elsewhere.raw.median_ms} ms`);
      folders[`messages_${r.messages}`] = r;
    }
    const steps = Object.values(folders).flatMap((r) => {
      const f = r as Awaited<ReturnType<typeof benchBigFolder>>;
      return [f.first_page, f.near_page_uncached, f.far_page_uncached, f.far_page_cached, f.jump_to_day_uncached];
    });
    // Flat as the folder grows: each step within 5x of imapflow's bare FETCH of the same 50 rows.
    sections.big_folder_paging = { ...folders, targets: { ratio: { max: 5, source: "proposed" } }, pass: steps.every((s) => s.ratio <= 5) } as Section;
  }
  return { sections, setup };
}

/** The HTTP API against imapflow on the 10,000-message INBOX, and the 50 MB download's memory. */
async function httpSections(cfg: BenchConfig, appPid: number, want: (key: string) => boolean, sections: Record<string, Section>): Promise<Record<string, unknown>> {
  const bulk: ImapTarget = { host: cfg.imapHost, port: cfg.imapPort, user: BULK_USER, password: passwordOf(BULK_USER) };
  const raw = await connectRaw(bulk);
  cleanups.push({ what: "close raw IMAP connection", fn: () => closeRaw(raw) });
  const count = await messageCount(raw, "INBOX");
  if (count !== BULK_COUNT) throw new Error(`${BULK_USER} INBOX has ${count} messages, expected ${BULK_COUNT} (reseed: MAILSTACK_DIR=${cfg.mailstackDir} IMAP_PORT=${cfg.imapPort} tsx scripts/seed.ts --only=bulk --force)`);

  const session = new Client(cfg.appUrl);
  await session.signIn({ email: bulk.user, password: bulk.password });
  const list = await benchList(raw, session, cfg.listIterations, cfg.warmups);
  log(`  list: raw median ${list.raw.median_ms} ms, app median ${list.app.median_ms} ms, ratio ${list.warm_ratio}`);
  if (want("list_newest_50")) sections.list_newest_50 = list;
  if (want("open_message")) {
    const open = await benchOpen(raw, session, cfg.openIterations, cfg.warmups);
    log(`  open: raw median ${open.raw.median_ms} ms, app median ${open.app.median_ms} ms, ratio ${open.ratio}`);
    sections.open_message = open;
  }
  if (want("search_stream")) {
    const search = await benchSearchStream(session, cfg.openIterations);
    log(`  search: first row ${search.stream_first_row.median_ms} ms streamed vs ${search.old_full_page.median_ms} ms old (ratio ${search.ratio_first_row_vs_old}), repeated ${search.repeated_cached.median_ms} ms`);
    sections.search_stream = search as unknown as Section;
  }
  // Signing out closes the pool this session kept warm, so the next section really starts cold.
  await session.signOut();

  if (want("first_request_after_sign_in")) {
    const first = await benchFirstRequest({
      appUrl: cfg.appUrl,
      creds: { email: bulk.user, password: bulk.password },
      imap: bulk,
      rounds: cfg.coldRounds,
      rawWarmMedianMs: list.raw.median_ms,
    });
    log(`  first request: app ${first.app_first.median_ms} ms, raw cold ${first.raw_cold.median_ms} ms, sign-in ${first.sign_in.median_ms} ms`);
    sections.first_request_after_sign_in = first;
  }

  if (want("attachment_download_50mb")) {
    const t20: ImapTarget = { host: cfg.imapHost, port: cfg.imapPort, user: ATTACHMENT_USER, password: passwordOf(ATTACHMENT_USER) };
    const download = await benchDownload({
      appUrl: cfg.appUrl,
      appPid,
      creds: { email: t20.user, password: t20.password },
      imap: t20,
      attachmentBytes: cfg.attachmentBytes,
      rssIntervalMs: cfg.rssIntervalMs,
    });
    log(`  download: growth ${download.growth_mb} MiB (peak ${download.peak_rss_mb}), ${download.throughput_mb_s} MiB/s (raw ${download.raw.throughput_mb_s})`);
    sections.attachment_download_50mb = download;
  }
  return { bulk_inbox_messages: count };
}

