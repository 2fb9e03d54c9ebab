// A small conversation corpus for the conversations tests (int and e2e): a thread across INBOX and the
// person's own reply in Sent, a thread held together only by its subject, and unrelated messages.
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const HOUR = 3600 * 1000;

export interface ThreadMail {
  folder: "INBOX" | "Sent";
  raw: string;
  subject: string;
}

function mail(o: { from: string; to: string; subject: string; at: Date; id?: string; inReplyTo?: string; references?: string[]; body: string }): string {
  const lines = [`From: ${o.from}`, `To: ${o.to}`, `Subject: ${o.subject}`, `Date: ${o.at.toUTCString().replace("GMT", "+0000")}`];
  if (o.id) lines.push(`Message-ID: <${o.id}>`);
  if (o.inReplyTo) lines.push(`In-Reply-To: <${o.inReplyTo}>`);
  if (o.references?.length) lines.push(`References: ${o.references.map((r) => `<${r}>`).join("\r\n ")}`);
  lines.push("Content-Type: text/plain; charset=utf-8", "", o.body, "");
  return crlf(lines.join("\n"));
}

/** `me` is the test account's address; `tag` keeps Message-IDs unique per run. Dates are relative to `now`. */
export function threadCorpus(me: string, tag: string, now = new Date()): ThreadMail[] {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const id = (n: string) => `${n}.${tag}@example.test`;
  const carol = "Carol Chen <carol@example.test>";
  const dan = "Dan Diaz <dan@example.test>";
  return [
    { folder: "INBOX", subject: "Offsite plan", raw: mail({ from: carol, to: me, subject: "Offsite plan", at: at(50), id: id("plan1"), body: "Shall we meet in Lisbon?" }) },
    { folder: "INBOX", subject: "Lunch on Friday", raw: mail({ from: dan, to: me, subject: "Lunch on Friday", at: at(40), id: id("lunch"), body: "Pizza?" }) },
    { folder: "Sent", subject: "Re: Offsite plan", raw: mail({ from: me, to: carol, subject: "Re: Offsite plan", at: at(30), id: id("plan2"), inReplyTo: id("plan1"), references: [id("plan1")], body: "Lisbon works for me." }) },
    { folder: "INBOX", subject: "Re: Offsite plan", raw: mail({ from: dan, to: `${me}, ${carol}`, subject: "Re: Offsite plan", at: at(20), id: id("plan3"), inReplyTo: id("plan2"), references: [id("plan1"), id("plan2")], body: "Count me in, booking flights." }) },
    // No Message-ID, no References: joined by subject only, within the window.
    { folder: "INBOX", subject: "Budget", raw: mail({ from: carol, to: me, subject: "Budget", at: at(10), body: "Numbers attached soon." }) },
    { folder: "INBOX", subject: "RE: Budget", raw: mail({ from: dan, to: me, subject: "RE: Budget", at: at(5), body: "Here are the numbers." }) },
    // Sent mail that answers nothing in INBOX stays out of INBOX's conversations.
    { folder: "Sent", subject: "Unrelated note", raw: mail({ from: me, to: dan, subject: "Unrelated note", at: at(3), id: id("note"), body: "Just a note." }) },
  ];
}
