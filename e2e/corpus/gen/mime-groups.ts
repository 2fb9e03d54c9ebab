// Hand-written corpus groups for issue 10 points 1–5: forwarded messages, inline parts, odd attachments, TNEF, calendars.
import { writeTnef } from "../../helpers/tnef-writer";
import { b64, enc, filePart, GIF_1X1, html, htmlPart, mixed, part, PDF, PNG_1X1, rfc822, text, textPart, type CorpusMessage } from "./lib";

const inner = (subject: string, body: string, from = "Ada Lovelace <ada@example.org>") =>
  text(subject, body, { from, to: "Team <team@example.org>", extra: ["Cc: Charles <charles@example.org>"], date: "Mon, 30 Nov 2026 09:00:00 +0000" });

function nested(levels: number, subject: string): Buffer {
  let msg = text("Level " + levels, `Body at level ${levels}.`);
  for (let k = levels - 1; k >= 1; k--) msg = mixed(`Level ${k}`, [textPart(`Body at level ${k}.`), rfc822(msg)]);
  return mixed(subject, [textPart("Forwarding the whole chain."), rfc822(msg)]);
}

export function forwarded(): CorpusMessage[] {
  const g = "own-forwarded";
  const out: CorpusMessage[] = [];
  for (const [i, who] of ["Grace Hopper", "Alan Turing", "Katherine Johnson"].entries()) {
    const addr = who.split(" ")[0]!.toLowerCase() + "@example.org";
    out.push({
      group: g, name: `inline-${i + 1}`,
      raw: mixed(`Fwd: Notes from ${who}`, [textPart(`See ${who}'s notes below.`), rfc822(inner(`Notes from ${who}`, `These are the notes, signed ${who}.`, `${who} <${addr}>`), { disposition: "inline" })]),
      expect: { subject: `Fwd: Notes from ${who}`, visible: [`See ${who}'s notes below.`, `These are the notes, signed ${who}.`, addr] },
    });
    out.push({
      group: g, name: `attached-${i + 1}`,
      raw: mixed(`Fwd: Attached from ${who}`, [textPart("Forwarded as an attachment."), rfc822(html(`Plan by ${who}`, `<p>The <b>plan</b> by ${who} is ready.</p>`, { from: `${who} <${addr}>` }), { disposition: `attachment; filename="plan.eml"` })]),
      expect: { subject: `Fwd: Attached from ${who}`, visible: ["Forwarded as an attachment.", `The plan by ${who} is ready.`, addr] },
    });
  }
  out.push({
    group: g, name: "global",
    raw: mixed("Fwd: message/global", [textPart("A message/global part follows."), rfc822(inner("Grüße aus Köln", "Viele Grüße aus Köln."), { type: "message/global" })]),
    expect: { subject: "Fwd: message/global", visible: ["A message/global part follows.", "Viele Grüße aus Köln."] },
  });
  out.push({
    group: g, name: "with-own-attachment",
    raw: mixed("Fwd: Report with its file", [textPart("The report is in the forwarded message."), rfc822(mixed("Report Q4", [textPart("Report attached, Ada."), filePart("q4-report.pdf", "application/pdf", PDF)], { from: "Ada Lovelace <ada@example.org>" }))]),
    expect: { subject: "Fwd: Report with its file", visible: ["The report is in the forwarded message.", "Report attached, Ada."], attachments: ["q4-report.pdf"] },
  });
  for (const n of [2, 3, 4]) {
    out.push({ group: g, name: `nested-${n}`, raw: nested(n, `Fwd: chain of ${n}`), expect: { subject: `Fwd: chain of ${n}`, visible: ["Forwarding the whole chain.", "Body at level 1.", `Body at level ${n}.`] } });
  }
  out.push({
    group: g, name: "nested-7-capped",
    raw: nested(7, "Fwd: chain of 7"),
    expect: { subject: "Fwd: chain of 7", visible: ["Body at level 5.", "more forwarded messages not shown"], notVisible: ["Body at level 6."] },
  });
  out.push({
    group: g, name: "encoded-subject",
    raw: mixed(`Fwd: ${enc("Réunion d'équipe")}`, [textPart("Voir ci-dessous."), rfc822(inner(enc("Réunion d'équipe"), "La réunion est jeudi."))]),
    expect: { subject: "Fwd: Réunion d'équipe", visible: ["Voir ci-dessous.", "La réunion est jeudi."] },
  });
  out.push({
    group: g, name: "forward-only",
    raw: mixed("Fwd: nothing to add", [rfc822(inner("Original only", "Only the original is here."))]),
    expect: { subject: "Fwd: nothing to add", visible: ["Only the original is here."] },
  });
  return out;
}

export function parts(): CorpusMessage[] {
  const g = "own-parts";
  const out: CorpusMessage[] = [];
  for (const [i, footer] of ["Unsubscribe at lists.example.org", "Sent from my phone", "-- list footer --"].entries()) {
    out.push({
      group: g, name: `text-html-text-${i + 1}`,
      raw: mixed(`Text, HTML, text #${i + 1}`, [textPart(`First text part ${i + 1}.`), htmlPart(`<p>Middle <i>HTML</i> part ${i + 1}.</p>`), textPart(footer)]),
      expect: { subject: `Text, HTML, text #${i + 1}`, visible: [`First text part ${i + 1}.`, `Middle HTML part ${i + 1}.`, footer] },
    });
  }
  out.push({
    group: g, name: "markdown-body",
    raw: text("Markdown body", "# Release notes\n\n- one **bold** item\n- two\n\n<script>alert(1)</script>\n", { type: "text/markdown; charset=utf-8" }),
    expect: { subject: "Markdown body", visible: ["Release notes", "one bold item", "<script>alert(1)</script>"] },
  });
  out.push({
    group: g, name: "markdown-part",
    raw: mixed("Markdown part", [textPart("Intro text."), textPart("## Agenda\n\n1. Budget\n2. Hiring\n", "text/markdown; charset=utf-8")]),
    expect: { subject: "Markdown part", visible: ["Intro text.", "Agenda", "Budget"], notVisible: ["## Agenda"] },
  });
  out.push({
    group: g, name: "enriched",
    raw: text("Enriched body", "<bold>Important</bold> news<nl><nl><italic>Read</italic> it.\n", { type: "text/enriched; charset=us-ascii" }),
    expect: { subject: "Enriched body", visible: ["Important", "Read"], notVisible: ["<bold>"] },
  });
  out.push({
    group: g, name: "richtext",
    raw: mixed("Enriched part", [textPart("Plain intro."), textPart("<bold>Bold</bold> words here.", "text/enriched")]),
    expect: { subject: "Enriched part", visible: ["Plain intro.", "Bold words here."], notVisible: ["<bold>"] },
  });
  out.push({
    group: g, name: "text-csv-inline",
    raw: mixed("CSV shown inline", [textPart("The numbers:"), part(["Content-Type: text/csv; charset=utf-8"], "region,total\r\nnorth,42\r\n")]),
    expect: { subject: "CSV shown inline", visible: ["The numbers:", "north,42"] },
  });
  out.push({
    group: g, name: "text-x-log",
    raw: mixed("Log shown inline", [textPart("Log below."), part(["Content-Type: text/x-log; charset=utf-8"], "12:00 started\r\n12:01 finished\r\n")]),
    expect: { subject: "Log shown inline", visible: ["Log below.", "12:01 finished"] },
  });
  out.push({
    group: g, name: "alternative-best",
    raw: mixed("Alternative shows one", [textPart("PLAIN ALTERNATIVE ONLY"), htmlPart("<p>HTML alternative wins</p>")], {}, "alternative"),
    expect: { subject: "Alternative shows one", visible: ["HTML alternative wins"], notVisible: ["PLAIN ALTERNATIVE ONLY"] },
  });
  out.push({
    group: g, name: "related-cid",
    raw: mixed("Related with cid image", [htmlPart('<p>Logo: <img src="cid:logo@corpus" alt="logo"></p>'), part(["Content-Type: image/png", "Content-ID: <logo@corpus>", "Content-Transfer-Encoding: base64"], PNG_1X1)], {}, "related"),
    expect: { subject: "Related with cid image", visible: ["Logo:"] },
  });
  out.push({
    group: g, name: "html-then-text",
    raw: mixed("HTML then text", [htmlPart("<p>HTML first.</p>"), textPart("Text second.")]),
    expect: { subject: "HTML then text", visible: ["HTML first.", "Text second."] },
  });
  return out;
}

export function attachments(): CorpusMessage[] {
  const g = "own-attachments";
  const out: CorpusMessage[] = [];
  out.push({
    group: g, name: "unreferenced-cid",
    raw: mixed("Unreferenced cid image", [htmlPart("<p>No image referenced here.</p>"), part(['Content-Type: image/png; name="unreferenced.png"', "Content-ID: <unref@corpus>", "Content-Transfer-Encoding: base64"], PNG_1X1)]),
    expect: { subject: "Unreferenced cid image", visible: ["No image referenced here."], attachments: ["unreferenced.png"] },
  });
  out.push({
    group: g, name: "only-name-param",
    raw: mixed("Only a name parameter", [textPart("See file."), part(['Content-Type: application/octet-stream; name="only-name.dat"', "Content-Transfer-Encoding: base64"], b64("data"))]),
    expect: { subject: "Only a name parameter", visible: ["See file."], attachments: ["only-name.dat"] },
  });
  out.push({
    group: g, name: "no-disposition-pdf",
    raw: mixed("PDF without disposition", [textPart("PDF follows."), part(['Content-Type: application/pdf; name="invoice.pdf"', "Content-Transfer-Encoding: base64"], PDF)]),
    expect: { subject: "PDF without disposition", visible: ["PDF follows."], attachments: ["invoice.pdf"] },
  });
  out.push({
    group: g, name: "inline-disposition-image",
    raw: mixed("Inline image part", [textPart("A photo."), filePart("photo.png", "image/png", PNG_1X1, "inline")]),
    expect: { subject: "Inline image part", visible: ["A photo."], attachments: ["photo.png"] },
  });
  out.push({
    group: g, name: "many",
    raw: mixed("Many attachments", [textPart("Five files."), ...["a.txt", "b.csv", "c.pdf", "d.gif", "e.zip"].map((n) => filePart(n, n.endsWith(".gif") ? "image/gif" : "application/octet-stream", n.endsWith(".gif") ? GIF_1X1 : b64(n)))]),
    expect: { subject: "Many attachments", visible: ["Five files."], attachments: ["a.txt", "b.csv", "c.pdf", "d.gif", "e.zip"] },
  });
  out.push({
    group: g, name: "rfc2231-name",
    raw: mixed("RFC 2231 name", [textPart("Encoded name."), part(["Content-Type: application/pdf", "Content-Disposition: attachment; filename*=UTF-8''Pr%C3%A9sentation%20finale.pdf", "Content-Transfer-Encoding: base64"], PDF)]),
    expect: { subject: "RFC 2231 name", visible: ["Encoded name."], attachments: ["Présentation finale.pdf"] },
  });
  out.push({
    group: g, name: "rfc2047-name",
    raw: mixed("RFC 2047 name", [textPart("Encoded word name."), part([`Content-Type: application/pdf; name="${enc("Übersicht.pdf")}"`, `Content-Disposition: attachment; filename="${enc("Übersicht.pdf")}"`, "Content-Transfer-Encoding: base64"], PDF)]),
    expect: { subject: "RFC 2047 name", visible: ["Encoded word name."], attachments: ["Übersicht.pdf"] },
  });
  out.push({
    group: g, name: "text-attachment",
    raw: mixed("Text file attached", [textPart("Notes attached."), part(['Content-Type: text/plain; charset=utf-8; name="notes.txt"', 'Content-Disposition: attachment; filename="notes.txt"'], "SECRET ATTACHED NOTES")]),
    expect: { subject: "Text file attached", visible: ["Notes attached."], attachments: ["notes.txt"], notVisible: ["SECRET ATTACHED NOTES"] },
  });
  out.push({
    group: g, name: "gif-no-name",
    raw: mixed("Nameless GIF", [textPart("A nameless gif."), part(["Content-Type: image/gif", "Content-Disposition: attachment", "Content-Transfer-Encoding: base64"], GIF_1X1)]),
    expect: { subject: "Nameless GIF", visible: ["A nameless gif."] },
  });
  out.push({
    group: g, name: "ics-attachment",
    raw: mixed("Calendar file attached", [textPart("Event file attached."), part(['Content-Type: text/calendar; charset=utf-8; name="event.ics"', 'Content-Disposition: attachment; filename="event.ics"'], ics("Attached event"))]),
    expect: { subject: "Calendar file attached", visible: ["Event file attached."], attachments: ["event.ics"], invite: "Attached event" },
  });
  return out;
}

export function ics(summary: string, extra: string[] = []): string {
  return [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mailroom corpus//EN", "METHOD:REQUEST", "BEGIN:VEVENT", `UID:${summary.replace(/\W/g, "")}@corpus.example`,
    "DTSTAMP:20261201T080000Z", "DTSTART:20261210T140000Z", "DTEND:20261210T150000Z", `SUMMARY:${summary}`, "LOCATION:Room 4",
    "ORGANIZER;CN=Priya Natarajan:mailto:priya@corpus.example", "ATTENDEE:mailto:tom@corpus.example", ...extra, "END:VEVENT", "END:VCALENDAR", "",
  ].join("\r\n");
}

export function tnefAndCalendar(): CorpusMessage[] {
  const out: CorpusMessage[] = [];
  const pdf = Buffer.from(PDF, "base64");
  const variants: Array<[string, Parameters<typeof writeTnef>[0], string]> = [
    ["rtf", { files: [{ title: "REPORT~1.PDF", longName: "Annual report.pdf", data: pdf }], rtf: "{\\rtf1\\ansi Minutes are attached.\\par}" }, "Minutes are attached."],
    ["plain", { files: [{ title: "budget.xls", data: Buffer.from("xls") }], body: "Budget sheet attached, plain body." }, "Budget sheet attached, plain body."],
    ["html", { files: [{ title: "map.png", data: Buffer.from(PNG_1X1, "base64") }], html: "<p>HTML body from Outlook.</p>" }, "HTML body from Outlook."],
    ["attbody", { files: [{ title: "notes.doc", data: Buffer.from("doc") }], attBody: "Legacy body text." }, "Legacy body text."],
  ];
  for (const [name, spec, body] of variants) {
    const files = spec.files!.map((f) => f.longName ?? f.title);
    out.push({
      group: "own-tnef", name,
      raw: mixed(`Outlook ${name} winmail`, [part(['Content-Type: application/ms-tnef; name="winmail.dat"', 'Content-Disposition: attachment; filename="winmail.dat"', "Content-Transfer-Encoding: base64"], b64(writeTnef(spec)))], { from: "Outlook User <outlook@corpus.example>" }),
      expect: { subject: `Outlook ${name} winmail`, visible: [body], attachments: ["winmail.dat", ...files] },
    });
  }
  const titles = ["Team lunch", "Quarterly review", "Dentist", "Release party", "Board meeting"];
  for (const [i, t] of titles.entries()) {
    const body = `Invitation: ${t}.`;
    const cal = ics(t, i % 2 ? ["ATTENDEE:mailto:ana@corpus.example"] : []);
    const raw = i % 2
      ? mixed(`Invite: ${t}`, [textPart(body), textPart(cal, "text/calendar; method=REQUEST; charset=utf-8")], {}, "alternative")
      : mixed(`Invite: ${t}`, [textPart(body), part(['Content-Type: text/calendar; method=REQUEST; charset=utf-8; name="invite.ics"', "Content-Transfer-Encoding: base64"], b64(cal))]);
    out.push({ group: "own-calendar", name: `invite-${i + 1}`, raw, expect: { subject: `Invite: ${t}`, visible: [body, "Room 4", "Priya Natarajan"], invite: t } });
  }
  return out;
}
