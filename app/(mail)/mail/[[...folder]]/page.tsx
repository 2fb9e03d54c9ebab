import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { pageSession } from "@/lib/auth/page-session";
import { env } from "@/lib/env";
import { firstScreen } from "@/lib/mail/initial-view-handoff";
import { MailApp } from "@/components/mail/mail-app";
import { folderFromSegments, parseUid } from "@/components/mail/mail-url";

export const metadata: Metadata = { title: "Mail" };

export default async function MailPage({
  params,
  searchParams,
}: {
  params: Promise<{ folder?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) redirect("/login");

  const { folder } = await params;
  const query = await searchParams;
  const m = Array.isArray(query.m) ? query.m[0] : query.m;
  const q = Array.isArray(query.q) ? query.q[0] : query.q;
  const path = folderFromSegments(folder);

  // The folder tree and first page are in the page's HTML (issue 13 point 5), loaded within
  // INITIAL_VIEW_DEADLINE_MS. No Suspense frame in front: React 19.2 holds a streamed boundary's reveal
  // back for up to 300 ms to batch reveals, which cost more than the IMAP work it hid (~10–60 ms).
  return <MailWithFirstScreen email={session.user.email} folder={path} openUid={parseUid(m)} plain={!q?.trim()} />;
}

async function MailWithFirstScreen({ email, folder, openUid, plain }: { email: string; folder: string; openUid: number | null; plain: boolean }) {
  const mail = await pageSession();
  // No live session here (it ended between the two checks): the browser's requests meet the sign-in redirect.
  // Whatever goes wrong here, the page renders as it did before this existed (the browser fetches).
  // Right after sign-in, the POST has already started this work (lib/mail/initial-view-handoff.ts).
  const initial = mail && mail.email.toLowerCase() === email.toLowerCase() ? await firstScreen(mail, { folder, plain, deadlineMs: env().INITIAL_VIEW_DEADLINE_MS }).catch(() => null) : null;
  return <MailApp email={email} folder={folder} openUid={openUid} initial={initial} />;
}
