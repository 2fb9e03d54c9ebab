import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
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

  return <MailApp email={session.user.email} folder={folderFromSegments(folder)} openUid={parseUid(m)} />;
}
