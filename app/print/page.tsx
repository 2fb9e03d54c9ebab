import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { PrintView } from "@/components/mail/print-view";
import { parseUid } from "@/components/mail/mail-url";

export const metadata: Metadata = { title: "Print" };

/** A clean page for one message (no app chrome), which prints itself: the reading pane's "Print". */
export default async function PrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) redirect("/login");
  const q = await searchParams;
  const folder = typeof q.folder === "string" ? q.folder : "";
  const uid = parseUid(typeof q.uid === "string" ? q.uid : null);
  return <PrintView folder={folder} uid={uid} />;
}
