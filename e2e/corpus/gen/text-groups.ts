// Hand-written corpus groups for issue 10 points 6–12: encodings, names, senders, direction, quotes, wide newsletters.
import { b64, crlf, enc, filePart, head, html, htmlPart, mixed, part, PDF, text, textPart, type CorpusMessage } from "./lib";
import iconv from "iconv-lite";

const DECOY = "The name shows a different address than the one this was sent from";
const SEVERAL = "This message has several From headers. All of them are shown: any of them may be forged.";

/** A message whose header block and body are given as bytes in `charset` (8-bit, no RFC 2047). */
function raw8(headers: string, body: string, charset: string): Buffer {
  return Buffer.concat([iconv.encode(headers, charset), Buffer.from("\r\n\r\n"), iconv.encode(crlf(body), charset), Buffer.from("\r\n")]);
}

export function charsets(): CorpusMessage[] {
  const g = "own-charsets";
  const out: CorpusMessage[] = [];
  const latin: Array<[string, string, string, string]> = [
    ["latin1-header-1", "Café crème à Noël", "José Müller", "Le café est prêt."],
    ["latin1-header-2", "Réservation confirmée", "Françoise Dupré", "Votre réservation est confirmée."],
    ["latin1-header-3", "Größe und Übersicht", "Jürgen Weiß", "Die Übersicht ist fertig."],
    ["latin1-header-4", "Año nuevo en España", "Íñigo Peña", "Feliz año nuevo, señor."],
  ];
  for (const [name, subject, from, body] of latin) {
    const h = head(subject, { from: `${from} <legacy@corpus.example>`, type: "text/plain; charset=iso-8859-1", extra: ["Content-Transfer-Encoding: 8bit"] });
    out.push({ group: g, name, raw: raw8(h, body, "latin1"), expect: { subject, visible: [from, body] } });
  }
  out.push({
    group: g, name: "win1252-undeclared-header",
    raw: raw8(head("Prix: 20 € – “spécial”", { type: "text/plain; charset=windows-1252", extra: ["Content-Transfer-Encoding: 8bit"] }), "Le prix est de 20 € – “spécial”.", "win1252"),
    expect: { subject: "Prix: 20 € – “spécial”", visible: ["Le prix est de 20 € – “spécial”."] },
  });
  const utf16 = (name: string, enc16: string, bom: boolean, charset: string, body: string) => {
    const bytes = iconv.encode(crlf(body), enc16, { addBOM: bom });
    out.push({
      group: g, name,
      raw: Buffer.from(`${head(`UTF-16 ${name}`, { type: `text/plain; charset=${charset}`, extra: ["Content-Transfer-Encoding: base64"] })}\r\n\r\n${b64(bytes)}\r\n`),
      expect: { subject: `UTF-16 ${name}`, visible: [body] },
    });
  };
  utf16("le-bom", "utf16le", true, "utf-16", "Little endian with a byte order mark: naïve café.");
  utf16("be-bom", "utf16be", true, "utf-16", "Big endian with a byte order mark: Ωmega.");
  utf16("le-nobom", "utf16le", false, "utf-16le", "Little endian, no mark: Straße.");
  utf16("be-nobom", "utf16be", false, "utf-16be", "Big endian, no mark: Ελληνικά.");
  const meta: Array<[string, string, string]> = [
    ["meta-cp1251", "windows-1251", "Привет, это письмо в кодировке 1251."],
    ["meta-shift-jis", "shift_jis", "こんにちは、シフトJISのメールです。"],
    ["meta-latin1", "iso-8859-1", "Ça marche très bien."],
    ["meta-koi8r", "koi8-r", "Письмо в кодировке KOI8-R."],
  ];
  for (const [name, cs, body] of meta) {
    const h = head(`Meta charset ${cs}`, { type: "text/html", extra: ["Content-Transfer-Encoding: 8bit"] });
    const bytes = Buffer.concat([Buffer.from(`${h}\r\n\r\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=${cs}"></head><body><p>`), iconv.encode(body, cs), Buffer.from("</p></body></html>\r\n")]);
    out.push({ group: g, name, raw: bytes, expect: { subject: `Meta charset ${cs}`, visible: [body] } });
  }
  const declared: Array<[string, string, string, string]> = [
    ["unknown-charset-utf8", "x-unknown-charset", "utf8", "Unknown charset but UTF-8 bytes: déjà vu."],
    ["misspelled-utf8", "utf8", "utf8", "Misspelled utf8 label: über."],
    ["misspelled-latin1", "latin-1", "latin1", "Misspelled latin label: façade."],
    ["iso8859-no-dash", "iso8859-1", "latin1", "No dash in the label: jalapeño."],
    ["koi8r-body", "koi8-r", "koi8-r", "Текст письма в KOI8-R."],
    ["big5-body", "big5", "big5", "這是一封繁體中文郵件。"],
    ["euc-kr-body", "euc-kr", "euc-kr", "한국어 메일입니다."],
    ["gb2312-body", "gb2312", "gb2312", "这是一封简体中文邮件。"],
  ];
  for (const [name, label, codec, body] of declared) {
    const h = head(`Charset ${label}`, { type: `text/plain; charset=${label}`, extra: ["Content-Transfer-Encoding: 8bit"] });
    out.push({ group: g, name, raw: Buffer.concat([Buffer.from(`${h}\r\n\r\n`), iconv.encode(body, codec), Buffer.from("\r\n")]), expect: { subject: `Charset ${label}`, visible: [body] } });
  }
  out.push({
    group: g, name: "iso-2022-jp",
    raw: Buffer.concat([Buffer.from(`${head("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", { type: "text/plain; charset=iso-2022-jp", extra: ["Content-Transfer-Encoding: 7bit"] })}\r\n\r\n`), Buffer.from("\x1b$B$3$s$K$A$O\x1b(B\r\n", "latin1")]),
    expect: { subject: "日本語", visible: ["こんにちは"] },
  });
  out.push({
    group: g, name: "qp-latin1-subject",
    raw: text("=?ISO-8859-1?Q?Caf=E9_au_lait?=", "Quoted-printable subject.", {}),
    expect: { subject: "Café au lait", visible: ["Quoted-printable subject."] },
  });
  return out;
}

export function names(): CorpusMessage[] {
  const g = "own-names";
  const cases: Array<[string, string, string, string]> = [
    ["bidi-override", "invoice\u202Efdp.exe", "application/octet-stream", "invoicefdp.exe"],
    ["bidi-isolate", "photo\u2067gnp\u2069.exe", "application/octet-stream", "photognp.exe"],
    ["nul-byte", "report\u0000.pdf", "application/pdf", "report.pdf"],
    ["unix-path", "../../etc/passwd.txt", "text/plain", "passwd.txt"],
    ["windows-path", "C:\\Users\\me\\evil.bat", "application/octet-stream", "evil.bat"],
    ["zero-width", "pay\u200Broll\u200D.xlsx", "application/octet-stream", "payroll.xlsx"],
    ["spaces", "  many    spaces   here .pdf", "application/pdf", "many spaces here .pdf"],
    ["tab-control", "tab\there\u0007.txt", "text/plain", "tab here.txt"],
    ["empty-after-clean", "../", "application/pdf", "attachment.pdf"],
  ];
  const out: CorpusMessage[] = cases.map(([name, file, type, cleaned]) => ({
    group: g, name,
    raw: mixed(`Attachment name: ${name}`, [textPart(`Attachment with a ${name} name.`), part([`Content-Type: ${type}`, `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(file)}`, "Content-Transfer-Encoding: base64"], PDF)]),
    expect: { subject: `Attachment name: ${name}`, visible: [`Attachment with a ${name} name.`], attachments: [cleaned] },
  }));
  out.push({
    group: g, name: "crlf-in-name",
    raw: mixed("Attachment name: crlf", [textPart("Attachment with a CR LF name."), part(["Content-Type: application/pdf", "Content-Disposition: attachment; filename*=UTF-8''two%0D%0Alines.pdf", "Content-Transfer-Encoding: base64"], PDF)]),
    expect: { subject: "Attachment name: crlf", visible: ["Attachment with a CR LF name."], attachments: ["two lines.pdf"] },
  });
  return out;
}

export function senders(): CorpusMessage[] {
  const g = "own-senders";
  const out: CorpusMessage[] = [];
  const decoys: Array<[string, string, string]> = [
    ["decoy-plain", '"ceo@bigbank.example" <attacker@evil.example>', "attacker@evil.example"],
    ["decoy-at-words", '"support (at) bank.example" <phish@evil.example>', "phish@evil.example"],
    ["decoy-fullwidth", `${enc("billing＠shop.example")} <scam@evil.example>`, "scam@evil.example"],
    ["decoy-with-name", '"PayPal service@paypal.example" <x@evil.example>', "x@evil.example"],
  ];
  for (const [name, from, real] of decoys) {
    out.push({ group: g, name, raw: text(`Sender: ${name}`, "Please verify your account.", { from }), expect: { subject: `Sender: ${name}`, visible: [real], warnings: [DECOY] } });
  }
  out.push({ group: g, name: "honest-same-address", raw: text("Sender: honest", "Nothing odd.", { from: '"ann@corpus.example" <ann@corpus.example>' }), expect: { subject: "Sender: honest", visible: ["ann@corpus.example", "Nothing odd."], notVisible: [DECOY] } });
  out.push({ group: g, name: "plain-name", raw: text("Sender: plain name", "Hello.", { from: "Ann Smith <ann@corpus.example>" }), expect: { subject: "Sender: plain name", visible: ["Ann Smith", "ann@corpus.example"], notVisible: [DECOY] } });
  const two = Buffer.from(`From: Boss <boss@corpus.example>\r\n${head("Sender: two From headers", { from: "Intruder <intruder@evil.example>" })}\r\n\r\nTwo senders.\r\n`);
  out.push({ group: g, name: "two-from", raw: two, expect: { subject: "Sender: two From headers", visible: ["boss@corpus.example", "intruder@evil.example"], warnings: [SEVERAL] } });
  out.push({
    group: g, name: "idn-mixed-script",
    raw: text("Sender: mixed-script domain", "Account notice.", { from: "Pay <service@pаypal.example>" }),
    expect: { subject: "Sender: mixed-script domain", visible: ["xn--pypal-4ve.example"], warnings: ["The sender's domain pаypal.example mixes alphabets"] },
  });
  out.push({
    group: g, name: "idn-single-script",
    raw: text("Sender: German domain", "Grüße.", { from: "Stadt <info@münchen.example>" }),
    expect: { subject: "Sender: German domain", visible: ["info@münchen.example", "Grüße."], notVisible: ["mixes alphabets"] },
  });
  out.push({
    group: g, name: "encoded-name",
    raw: text("Sender: encoded name", "Hi.", { from: `${enc("Zoë Ångström")} <zoe@corpus.example>` }),
    expect: { subject: "Sender: encoded name", visible: ["Zoë Ångström", "zoe@corpus.example"] },
  });
  return out;
}

export function direction(): CorpusMessage[] {
  const g = "own-bidi";
  const ar = "مرحبا بكم في الاجتماع الأسبوعي. يرجى قراءة الملاحظات.";
  const he = "שלום, זוהי הודעה בעברית עם סימני פיסוק.";
  return [
    { group: g, name: "arabic-plain", raw: text(enc("اجتماع الأسبوع"), ar, { from: `${enc("سارة")} <sara@corpus.example>` }), expect: { subject: "اجتماع الأسبوع", visible: [ar] } },
    { group: g, name: "arabic-html", raw: html(enc("نشرة عربية"), `<h2>عنوان النشرة</h2><p>${ar}</p>`), expect: { subject: "نشرة عربية", visible: ["عنوان النشرة", ar] } },
    { group: g, name: "hebrew-plain", raw: text(enc("הודעה בעברית"), he), expect: { subject: "הודעה בעברית", visible: [he] } },
    { group: g, name: "hebrew-html", raw: html(enc("עדכון"), `<p>${he}</p>`), expect: { subject: "עדכון", visible: [he] } },
    { group: g, name: "mixed-ltr-rtl", raw: text("Mixed directions", `English line.\n${ar}\nAnother English line.`), expect: { subject: "Mixed directions", visible: ["English line.", ar] } },
    { group: g, name: "persian", raw: text(enc("سلام"), "این یک پیام فارسی است."), expect: { subject: "سلام", visible: ["این یک پیام فارسی است."] } },
  ];
}

export function quotes(): CorpusMessage[] {
  const g = "own-quotes";
  return [
    { group: g, name: "plain-reply", raw: text("Re: plain quote", "Sounds good to me.\n\nOn Mon, Ann wrote:\n> QUOTED PLAIN LINE one\n> QUOTED PLAIN LINE two\n"), expect: { subject: "Re: plain quote", visible: ["Sounds good to me.", "Show quoted text"], notVisible: ["QUOTED PLAIN LINE one"] } },
    { group: g, name: "gmail-quote", raw: html("Re: gmail quote", '<div>Yes, Thursday works.</div><div class="gmail_quote"><div>On Mon, Bob wrote:</div><blockquote class="gmail_quote">GMAIL QUOTED TEXT</blockquote></div>'), expect: { subject: "Re: gmail quote", visible: ["Yes, Thursday works.", "Show quoted text"], notVisible: ["GMAIL QUOTED TEXT"] } },
    { group: g, name: "cite-blockquote", raw: html("Re: cite quote", '<p>Agreed.</p><blockquote type="cite">CITED OLD TEXT</blockquote>'), expect: { subject: "Re: cite quote", visible: ["Agreed.", "Show quoted text"], notVisible: ["CITED OLD TEXT"] } },
    { group: g, name: "outlook-separator", raw: html("RE: outlook quote", '<p>Approved.</p><div style="border-top:solid #E1E1E1 1pt"><p><b>From:</b> Carol<br><b>Sent:</b> Monday<br><b>Subject:</b> Budget</p></div><p>OUTLOOK OLD BODY</p>'), expect: { subject: "RE: outlook quote", visible: ["Approved.", "Show quoted text"], notVisible: ["OUTLOOK OLD BODY"] } },
    { group: g, name: "only-quote", raw: text("Fwd-like quote only", "> ONLY QUOTED LINE\n> second quoted line\n"), expect: { subject: "Fwd-like quote only", visible: ["ONLY QUOTED LINE"] } },
    { group: g, name: "nested-quotes", raw: text("Re: Re: nested", "Final answer: yes.\n\n> Earlier reply\n>> OLDEST NESTED QUOTE\n"), expect: { subject: "Re: Re: nested", visible: ["Final answer: yes.", "Show quoted text"], notVisible: ["OLDEST NESTED QUOTE"] } },
  ];
}

export function newsletters(): CorpusMessage[] {
  const out: CorpusMessage[] = [];
  for (const [i, width] of [600, 800, 1000, 1200, 1600].entries()) {
    const cols = Array.from({ length: 4 }, (_, c) => `<td style="width:${width / 4}px;padding:8px;background:#${["fde68a", "bfdbfe", "bbf7d0", "fecaca"][c]}"><h3>Story ${c + 1}</h3><p>Column ${c + 1} of the ${width}px issue.</p></td>`).join("");
    const body = `<table width="${width}" style="width:${width}px;background:#fff;font-family:Arial" cellpadding="0" cellspacing="0"><tr><td colspan="4" style="background:#1e3a8a;color:#fff;padding:16px"><h1>Weekly ${width}</h1></td></tr><tr>${cols}</tr><tr><td colspan="4"><img src="https://tracker.example/pixel-${i}.gif" width="1" height="1" alt=""><p>RIGHT EDGE ${width}</p></td></tr></table>`;
    out.push({ group: "own-newsletters", name: `wide-${width}`, raw: html(`Newsletter ${width}px`, body, { from: "News <news@corpus.example>" }), expect: { subject: `Newsletter ${width}px`, visible: [`Weekly ${width}`, "Story 4", `RIGHT EDGE ${width}`] } });
  }
  out.push({ group: "own-newsletters", name: "simple-html", raw: html("Simple HTML note", "<p>Just a <b>simple</b> note.</p><p>Second paragraph.</p>"), expect: { subject: "Simple HTML note", visible: ["Just a simple note.", "Second paragraph."] } });
  out.push({ group: "own-newsletters", name: "dark-designed", raw: html("Designed dark newsletter", '<div style="background:#111827;color:#f9fafb;padding:24px"><h1>Night edition</h1><p>Designed with its own colours.</p></div>'), expect: { subject: "Designed dark newsletter", visible: ["Night edition", "Designed with its own colours."] } });
  out.push({ group: "own-newsletters", name: "script-stripped", raw: html("Newsletter with script", '<p>Visible copy.</p><script>document.write("SCRIPT RAN")</script>'), expect: { subject: "Newsletter with script", visible: ["Visible copy."], notVisible: ["SCRIPT RAN"] } });
  return out;
}

export function plain(): CorpusMessage[] {
  const g = "own-plain";
  const out: CorpusMessage[] = [];
  const lines = ["Meeting moved to 3pm.", "Lunch is on me today.", "The build is green again.", "Please review the draft.", "Invoice paid, thanks.", "Welcome to the team!", "Server restarted at noon.", "See you tomorrow.", "New office keys are ready.", "Holiday schedule attached below."];
  for (const [i, line] of lines.entries()) out.push({ group: g, name: `note-${i + 1}`, raw: text(`Note ${i + 1}: ${line.split(" ").slice(0, 3).join(" ")}`, `Hi,\n\n${line}\n\nCheers`), expect: { subject: `Note ${i + 1}: ${line.split(" ").slice(0, 3).join(" ")}`, visible: [line] } });
  out.push({ group: g, name: "emoji-subject", raw: text(enc("Party 🎉 tonight"), "Bring snacks 🍕."), expect: { subject: "Party 🎉 tonight", visible: ["Bring snacks 🍕."] } });
  out.push({ group: g, name: "no-subject", raw: Buffer.from("From: a@corpus.example\r\nTo: b@corpus.example\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nA message without a subject.\r\n"), expect: { visible: ["A message without a subject."] } });
  out.push({ group: g, name: "long-line", raw: text("Very long line", "word ".repeat(400) + "END-OF-LONG-LINE"), expect: { subject: "Very long line", visible: ["END-OF-LONG-LINE"] } });
  out.push({ group: g, name: "qp-soft-breaks", raw: Buffer.from(`${head("QP soft breaks", { extra: ["Content-Transfer-Encoding: quoted-printable"] })}\r\n\r\nThis line is joined by a soft=\r\n break and has an =C3=A9 accent.\r\n`), expect: { subject: "QP soft breaks", visible: ["This line is joined by a soft break and has an é accent."] } });
  out.push({ group: g, name: "base64-body", raw: Buffer.from(`${head("Base64 body", { extra: ["Content-Transfer-Encoding: base64"] })}\r\n\r\n${b64("Decoded from base64: ünïcödé.")}\r\n`), expect: { subject: "Base64 body", visible: ["Decoded from base64: ünïcödé."] } });
  out.push({ group: g, name: "link", raw: text("A link", "Docs at https://docs.corpus.example/start today."), expect: { subject: "A link", visible: ["https://docs.corpus.example/start"] } });
  out.push({ group: g, name: "html-entities", raw: html("Entities", "<p>5 &lt; 6 &amp;&amp; 7 &gt; 3 &mdash; &copy; 2026</p>"), expect: { subject: "Entities", visible: ["5 < 6 && 7 > 3 — © 2026"] } });
  out.push({ group: g, name: "mixed-with-pdf", raw: mixed("Contract to sign", [textPart("Contract attached."), filePart("contract.pdf", "application/pdf", PDF)]), expect: { subject: "Contract to sign", visible: ["Contract attached."], attachments: ["contract.pdf"] } });
  out.push({ group: g, name: "html-with-pdf", raw: mixed("HTML and PDF", [htmlPart("<p>Signed copy <u>attached</u>.</p>"), filePart("signed.pdf", "application/pdf", PDF)]), expect: { subject: "HTML and PDF", visible: ["Signed copy attached."], attachments: ["signed.pdf"] } });
  return out;
}
