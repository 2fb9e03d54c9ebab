// Issue 10's remaining gaps (written after the first corpus; appended last so earlier messages keep their bytes):
// Outlook quotes and several quotes, raw 8-bit attachment names, a base64-encoded forwarded message.
import { b64, crlf, head, html, multipart, part, PDF, text, textPart, type CorpusMessage } from "./lib";

/** A multipart/mixed message built as latin1, so raw 8-bit Latin-1 bytes stay single bytes. */
function latin1Mixed(subject: string, parts: string[], boundary: string): Buffer {
  return Buffer.from(`${head(subject, { type: `multipart/mixed; boundary="${boundary}"` })}\r\n\r\n${multipart(boundary, parts)}`, "latin1");
}

export function gaps(): CorpusMessage[] {
  const q = "own-quotes";
  const longQuote = Array.from({ length: 5 }, (_, i) => `> MIDDLE QUOTE LINE ${i + 1}`).join("\n");
  const encodedInner = crlf(
    [
      "From: Grace Hopper <grace@corpus.example>", "To: team@corpus.example", "Subject: Encoded forward inner", "Date: Mon, 30 Nov 2026 08:00:00 +0000",
      "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="enc-in"', "", multipart("enc-in", [textPart("ENCODED FORWARD BODY"), part(['Content-Type: application/pdf; name="encoded-inner.pdf"', 'Content-Disposition: attachment; filename="encoded-inner.pdf"', "Content-Transfer-Encoding: base64"], PDF)]),
    ].join("\n"),
  );
  const pdfPart = (disposition: string) => part(["Content-Type: application/pdf", disposition, "Content-Transfer-Encoding: base64"], PDF);
  return [
    { group: q, name: "outlook-original-plain", raw: text("RE: original message plain", "Done, see below.\n\n-----Original Message-----\nFrom: Ann <ann@corpus.example>\nSent: Monday, 30 November 2026 09:00\nTo: Bob\nSubject: Task\n\nOUTLOOK PLAIN OLD BODY\n"), expect: { subject: "RE: original message plain", visible: ["Done, see below.", "Show quoted text"], notVisible: ["OUTLOOK PLAIN OLD BODY"] } },
    { group: q, name: "plain-from-sent", raw: text("RE: from sent plain", "Yes, agreed.\n\nFrom: Ann <ann@corpus.example>\nSent: Monday, 30 November 2026 09:00\nTo: Bob\nSubject: Plan\n\nPLAIN FROM SENT OLD BODY\n"), expect: { subject: "RE: from sent plain", visible: ["Yes, agreed.", "Show quoted text"], notVisible: ["PLAIN FROM SENT OLD BODY"] } },
    { group: q, name: "outlook-original-html", raw: html("RE: original message html", "<p>Approved again.</p><p>-----Original Message-----<br>From: Carol<br>Sent: Monday<br>Subject: Budget</p><p>OUTLOOK HTML OLD BODY</p>"), expect: { subject: "RE: original message html", visible: ["Approved again.", "Show quoted text"], notVisible: ["OUTLOOK HTML OLD BODY"] } },
    { group: q, name: "outlook-web-from-sent", raw: html("RE: outlook web", "<div>Fine by me.</div><div><b>From:</b> Dana &lt;dana@corpus.example&gt;<br><b>Sent:</b> Monday<br><b>To:</b> Bob</div><div>OUTLOOK WEB OLD BODY</div>"), expect: { subject: "RE: outlook web", visible: ["Fine by me.", "Show quoted text"], notVisible: ["OUTLOOK WEB OLD BODY"] } },
    { group: q, name: "two-quotes", raw: text("Re: two quotes", `First answer.\n${longQuote}\nSecond answer.\n> short question?\nThird answer.\n> FINAL QUOTE LINE\n`), expect: { subject: "Re: two quotes", visible: ["First answer.", "Second answer.", "short question?", "Third answer.", "Show quoted text"], notVisible: ["MIDDLE QUOTE LINE 3", "FINAL QUOTE LINE"] } },
    { group: "own-names", name: "raw-latin1-name", raw: latin1Mixed("Raw Latin-1 file name", [textPart("A file named in raw Latin-1."), pdfPart('Content-Disposition: attachment; filename="R\xe9sum\xe9 d\xe9taill\xe9.pdf"')], "raw-l1"), expect: { subject: "Raw Latin-1 file name", visible: ["A file named in raw Latin-1."], attachments: ["Résumé détaillé.pdf"] } },
    { group: "own-names", name: "raw-utf8-name", raw: Buffer.from(`${head("Raw UTF-8 file name", { type: 'multipart/mixed; boundary="raw-u8"' })}\r\n\r\n${multipart("raw-u8", [textPart("A file named in raw UTF-8."), pdfPart('Content-Disposition: attachment; filename="Überweisung 東京.pdf"')])}`), expect: { subject: "Raw UTF-8 file name", visible: ["A file named in raw UTF-8."], attachments: ["Überweisung 東京.pdf"] } },
    { group: "own-names", name: "raw-latin1-ctype-name", raw: latin1Mixed("Raw Latin-1 name parameter", [textPart("Only a name parameter, in Latin-1."), part(['Content-Type: application/pdf; name="Pr\xe9sentation.pdf"', "Content-Transfer-Encoding: base64"], PDF)], "raw-l2"), expect: { subject: "Raw Latin-1 name parameter", attachments: ["Présentation.pdf"] } },
    {
      group: "own-forwarded",
      name: "base64-encoded-forward",
      raw: Buffer.from(`${head("Encoded forward outer", { type: 'multipart/mixed; boundary="enc-out"' })}\r\n\r\n${multipart("enc-out", [textPart("See the forwarded message."), part(["Content-Type: message/rfc822", "Content-Transfer-Encoding: base64"], b64(encodedInner))])}`),
      expect: { subject: "Encoded forward outer", visible: ["See the forwarded message.", "Encoded forward inner", "ENCODED FORWARD BODY"], attachments: ["encoded-inner.pdf"] },
    },
  ];
}
