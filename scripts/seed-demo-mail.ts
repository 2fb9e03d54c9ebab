/**
 * The demo mailboxes' content for scripts/seed.ts: alice's folders (HTML, attachments, threads, a shared
 * "Team" folder, hostile and malformed mail) and the small users' inboxes. Deterministic: fixed dates
 * counting back from SEED_EPOCH and seeded PRNGs.
 */
import {
  type Address,
  attachmentMessage,
  createRng,
  hostileHtmlMessage,
  htmlMessage,
  inlineImageMessage,
  loremWords,
  malformedMessage,
  messageId,
  minutesBefore,
  plainMessage,
  randomPerson,
  remoteImageMessage,
  tinyPdf,
  tinyPng,
} from './seed-lib';

export const DOMAIN = 'example.test';

export type Item = { raw: Buffer; flags?: string[]; date: Date };
export type Folders = Record<string, Item[]>;

const P = (local: string, name: string): Address => ({ name, address: `${local}@${DOMAIN}` });
export const ALICE = P('alice', 'Alice Example');
const BOB = P('bob', 'Bob Builder');
const CAROL = P('carol', 'Carol Chen');
const DANA = P('dana', 'Dana Okafor');
const JOERG: Address = { name: 'Jörg Weiß', address: 'joerg.weiss@muenchen.example' };
const YUKI: Address = { name: '田中 由紀', address: 'yuki.tanaka@tokyo.example' };

// ---------------------------------------------------------------------------------------------
// helpers

const hours = (h: number) => h * 60;
export const days = (d: number) => d * 24 * 60;
export const at = (minutesAgo: number) => minutesBefore(minutesAgo);
export const SEEN = ['\\Seen'];
const SEEN_FLAGGED = ['\\Seen', '\\Flagged'];
const FLAGGED = ['\\Flagged'];
const ANSWERED = ['\\Seen', '\\Answered'];

function newsletterHtml(title: string, accent: string, rows: [string, string][]): string {
  const items = rows
    .map(
      ([h, t]) => `<tr><td style="padding:12px 24px;border-bottom:1px solid #eee">
<h3 style="margin:0 0 6px;font-size:16px;color:${accent}">${h}</h3>
<p style="margin:0;color:#444;font-size:14px;line-height:1.5">${t}</p></td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f4f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f7">
<tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;font-family:Helvetica,Arial,sans-serif">
<tr><td style="background:${accent};color:#fff;padding:20px 24px;border-radius:8px 8px 0 0">
<h1 style="margin:0;font-size:22px">${title}</h1></td></tr>
${items}
<tr><td style="padding:16px 24px;font-size:12px;color:#888">You receive this because you subscribed.
<a href="https://news.example.com/unsubscribe?u=alice" style="color:#888">Unsubscribe</a></td></tr>
</table></td></tr></table></body></html>`;
}

// ---------------------------------------------------------------------------------------------
// alice

export function aliceFolders(): Folders {
  const rng = createRng(20261101);
  const inbox: Item[] = [];
  const sent: Item[] = [];
  const add = (list: Item[], raw: Buffer, date: Date, flags: string[] = SEEN) => list.push({ raw, date, flags });

  // Thread 1: Mailroom launch plan (INBOX + Sent)
  {
    const s = 'Mailroom launch plan';
    const ids = [1, 2, 3, 4].map((n) => messageId(`thread-launch-${n}`));
    let d = at(days(3) + hours(5));
    add(inbox, plainMessage({ from: BOB, to: ALICE, cc: CAROL, subject: s, date: d, messageId: ids[0],
      text: `Hi Alice,\n\nHere's a first cut of the launch plan:\n\n1. Freeze features on Monday\n2. Staging sign-off Wednesday\n3. Launch Thursday 10:00 CET\n\nThoughts?\n\nBob\n` }), d);
    d = at(days(3) + hours(3));
    add(sent, plainMessage({ from: ALICE, to: BOB, cc: CAROL, subject: `Re: ${s}`, date: d, messageId: ids[1], inReplyTo: ids[0], references: [ids[0]],
      text: `Looks good. Can we move staging sign-off to Tuesday so we have a buffer?\n\nAlice\n\nOn Thu, Bob Builder wrote:\n> Here's a first cut of the launch plan:\n> 1. Freeze features on Monday\n` }), d);
    d = at(days(2) + hours(20));
    add(inbox, plainMessage({ from: CAROL, to: [ALICE, BOB], subject: `Re: ${s}`, date: d, messageId: ids[2], inReplyTo: ids[1], references: ids.slice(0, 2),
      text: `Tuesday works for QA. I'll book the room.\n\nCarol\n\n> Can we move staging sign-off to Tuesday so we have a buffer?\n` }), d, ANSWERED);
    d = at(days(2) + hours(2));
    add(inbox, plainMessage({ from: BOB, to: [ALICE, CAROL], subject: `Re: ${s}`, date: d, messageId: ids[3], inReplyTo: ids[2], references: ids.slice(0, 3),
      text: `Great, updated the calendar. Launch is Thursday.\n\nBob\n` }), d, SEEN_FLAGGED);
  }

  // Thread 2: Offsite in Lisbon
  {
    const s = 'Offsite in Lisbon — agenda';
    const ids = [1, 2, 3].map((n) => messageId(`thread-lisbon-${n}`));
    let d = at(days(8));
    add(inbox, htmlMessage({ from: DANA, to: [ALICE, BOB, CAROL], subject: s, date: d, messageId: ids[0],
      html: `<p>Hi team,</p><p>Draft agenda for the offsite:</p><ul><li><b>Day 1</b> — roadmap &amp; retro</li><li><b>Day 2</b> — hack day</li><li><b>Day 3</b> — pastéis de nata 🥮</li></ul><p>Dana</p>` }), d);
    d = at(days(7) + hours(18));
    add(sent, plainMessage({ from: ALICE, to: DANA, subject: `Re: ${s}`, date: d, messageId: ids[1], inReplyTo: ids[0], references: [ids[0]],
      text: `Love it. Can we add a session on the IMAP sync engine on day 2?\n\nAlice\n` }), d);
    d = at(days(7) + hours(10));
    add(inbox, plainMessage({ from: DANA, to: ALICE, subject: `Re: ${s}`, date: d, messageId: ids[2], inReplyTo: ids[1], references: ids.slice(0, 2),
      text: `Added! Slot after lunch.\n\nDana\n` }), d);
  }

  // Thread 3: Japanese meeting notes
  {
    const s = '会議の議事録（週次定例）';
    const ids = [1, 2, 3].map((n) => messageId(`thread-gijiroku-${n}`));
    let d = at(days(5) + hours(9));
    add(inbox, plainMessage({ from: YUKI, to: ALICE, subject: s, date: d, messageId: ids[0],
      text: `アリスさん\n\nお疲れ様です。今週の定例会議の議事録を共有します。\n\n・リリース日程：木曜日\n・担当：ボブさん、キャロルさん\n・次回：来週月曜日 10時\n\nよろしくお願いします。\n田中` }), d);
    d = at(days(5) + hours(6));
    add(sent, plainMessage({ from: ALICE, to: YUKI, subject: `Re: ${s}`, date: d, messageId: ids[1], inReplyTo: ids[0], references: [ids[0]],
      text: `田中さん\n\nありがとうございます！確認しました。\n\nアリス\n` }), d);
    d = at(days(5) + hours(1));
    add(inbox, plainMessage({ from: YUKI, to: ALICE, subject: `Re: ${s}`, date: d, messageId: ids[2], inReplyTo: ids[1], references: ids.slice(0, 2),
      text: `了解です 🙏\n田中`, textEncoding: 'base64' }), d, []);
  }

  // Unicode subjects and bodies
  add(inbox, plainMessage({ from: JOERG, to: ALICE, subject: 'Grüße aus München', date: at(days(4) + hours(7)), qEncodeSubject: true,
    text: `Liebe Alice,\n\nviele Grüße aus München! Das Oktoberfest war großartig, nächstes Jahr musst du unbedingt mitkommen.\n\nBis bald,\nJörg\n` }), at(days(4) + hours(7)));
  add(inbox, htmlMessage({ from: CAROL, to: ALICE, subject: '🎉 Launch party on Friday!', date: at(days(1) + hours(4)),
    html: `<p style="font-size:18px">🎉🥳 <b>Launch party</b> this Friday at 17:00 on the roof terrace! 🍕🍻</p><p>RSVP by Wednesday 🙏</p>` }), at(days(1) + hours(4)), []);
  add(inbox, plainMessage({ from: { name: 'Дмитрий Иванов', address: 'dmitry@moscow.example' }, to: ALICE, subject: 'Привет из Москвы', date: at(days(12)),
    text: 'Привет, Алиса!\n\nКак дела? Здесь уже идёт снег ❄️.\n\nДмитрий\n' }), at(days(12)));
  add(inbox, plainMessage({ from: { name: '王芳', address: 'wang.fang@beijing.example' }, to: ALICE, subject: '季度报告 — 第三季度', date: at(days(15)),
    text: '爱丽丝，你好：\n\n附上第三季度的报告摘要。收入增长了 12%。\n\n王芳\n' }), at(days(15)));
  add(inbox, plainMessage({ from: { name: 'ليلى حداد', address: 'layla@cairo.example' }, to: ALICE, subject: 'مرحبا من القاهرة', date: at(days(16)),
    text: 'مرحبا أليس،\n\nكيف حالك؟ نراك قريبا.\n\nليلى\n' }), at(days(16)));
  add(inbox, plainMessage({ from: { name: 'Ελένη Παπαδοπούλου', address: 'eleni@athens.example' }, to: ALICE, subject: 'Καλημέρα! Ελληνικά & emoji 😀', date: at(days(18)),
    text: 'Γεια σου Alice! Τα λέμε σύντομα. 😀🇬🇷\n' }), at(days(18)));

  // Newsletters (HTML with inline CSS and layout tables)
  add(inbox, htmlMessage({ from: { name: 'The Weekly Frontend', address: 'digest@frontend-weekly.example.com' }, to: ALICE, subject: 'The Weekly Frontend — Issue #214', date: at(days(2) + hours(9)),
    headers: { 'List-Unsubscribe': '<https://frontend-weekly.example.com/unsub?u=alice>', 'List-Id': 'Weekly Frontend <weekly.frontend-weekly.example.com>' },
    html: newsletterHtml('The Weekly Frontend', '#7c3aed', [
      ['React Server Components in practice', 'A long look at streaming, caching and what actually changed for app authors.'],
      ['CSS :has() is everywhere now', 'Parent selectors ship in all evergreen browsers. Here are 9 patterns.'],
      ['Testing with Playwright at scale', 'Sharding, traces and flaky-test triage without losing your mind.'],
    ]) }), at(days(2) + hours(9)));
  add(inbox, htmlMessage({ from: { name: 'Example Travel', address: 'deals@travel.example.com' }, to: ALICE, subject: 'Autumn deals: 30% off city breaks ✈️', date: at(days(6) + hours(2)),
    html: newsletterHtml('Autumn city breaks', '#ea580c', [
      ['Lisbon from €89', 'Sunny days, custard tarts and trams.'],
      ['Kyoto from €499', 'Autumn leaves season — book early.'],
      ['München from €69', 'Museums, beer gardens & Alpine day trips.'],
    ]) }), at(days(6) + hours(2)));
  add(inbox, htmlMessage({ from: { name: 'Hooli Cloud', address: 'no-reply@hooli.example' }, to: ALICE, subject: 'Your monthly usage summary', date: at(days(9)),
    html: `<div style="font-family:Arial,sans-serif;max-width:560px">
<h2 style="color:#0f766e">October usage</h2>
<table style="border-collapse:collapse;width:100%">
<thead><tr style="background:#f0fdfa"><th style="text-align:left;padding:8px;border:1px solid #ccc">Service</th><th style="text-align:right;padding:8px;border:1px solid #ccc">Usage</th><th style="text-align:right;padding:8px;border:1px solid #ccc">Cost</th></tr></thead>
<tbody>
<tr><td style="padding:8px;border:1px solid #ccc">Compute</td><td style="text-align:right;padding:8px;border:1px solid #ccc">712 h</td><td style="text-align:right;padding:8px;border:1px solid #ccc">$41.20</td></tr>
<tr><td style="padding:8px;border:1px solid #ccc">Storage</td><td style="text-align:right;padding:8px;border:1px solid #ccc">120 GB</td><td style="text-align:right;padding:8px;border:1px solid #ccc">$2.76</td></tr>
<tr><td style="padding:8px;border:1px solid #ccc"><b>Total</b></td><td></td><td style="text-align:right;padding:8px;border:1px solid #ccc"><b>$43.96</b></td></tr>
</tbody></table></div>` }), at(days(9)));
  add(inbox, htmlMessage({ from: { name: 'Frontend Weekly', address: 'digest@frontend-weekly.example.com' }, to: ALICE, subject: 'The Weekly Frontend — Issue #213', date: at(days(9) + hours(9)),
    html: newsletterHtml('The Weekly Frontend', '#7c3aed', [['Signals everywhere', 'Why every framework converged on fine-grained reactivity.'], ['Bundle budgets', 'How to keep your JS under 100 kB.']]) }), at(days(9) + hours(9)));

  // Attachments
  const png = tinyPng(32, 24);
  add(inbox, attachmentMessage({ from: { name: 'Globex Billing', address: 'billing@globex.example' }, to: ALICE, subject: 'Invoice INV-2026-0042', date: at(days(3) + hours(1)),
    text: 'Dear customer,\n\nplease find attached invoice INV-2026-0042 (EUR 1,250.00), due in 30 days.\n\nGlobex Billing\n',
    attachments: [{ filename: 'INV-2026-0042.pdf', contentType: 'application/pdf', content: tinyPdf(['Globex Corporation', 'Invoice INV-2026-0042', 'Amount due: EUR 1,250.00']) }] }), at(days(3) + hours(1)), SEEN_FLAGGED);
  add(inbox, attachmentMessage({ from: BOB, to: ALICE, subject: 'Notes from the design review', date: at(days(4) + hours(2)),
    text: 'Attached are my raw notes from today. The sync section needs your eyes.\n\nBob\n',
    attachments: [{ filename: 'design-review-notes.txt', contentType: 'text/plain; charset=utf-8', content: 'Design review — notes\n=====================\n\n* IMAP IDLE for push: OK\n* POP3 cache: keep UIDL map\n* Open question: CONDSTORE fallback?\n' }] }), at(days(4) + hours(2)));
  add(inbox, attachmentMessage({ from: CAROL, to: ALICE, subject: 'Screenshot of the bug', date: at(days(2) + hours(6)),
    text: 'See the attached screenshot — the unread badge is off by one.\n\nCarol\n',
    attachments: [{ filename: 'screenshot.png', contentType: 'image/png', content: png }] }), at(days(2) + hours(6)), []);
  add(inbox, attachmentMessage({ from: DANA, to: ALICE, subject: 'Offsite logistics (3 files)', date: at(days(6) + hours(8)),
    html: '<p>Hi Alice, the <b>itinerary</b>, the venue map and the attendee list are attached.</p><p>Dana</p>',
    attachments: [
      { filename: 'itinerary.pdf', contentType: 'application/pdf', content: tinyPdf(['Offsite itinerary', 'Day 1: roadmap', 'Day 2: hack day', 'Day 3: city tour']) },
      { filename: 'venue-map.png', contentType: 'image/png', content: tinyPng(48, 32, [220, 38, 38], [250, 204, 21]) },
      { filename: 'attendees.csv', contentType: 'text/csv', content: 'name,email\nAlice,alice@example.test\nBob,bob@example.test\nCarol,carol@example.test\nDana,dana@example.test\n' },
    ] }), at(days(6) + hours(8)));
  add(inbox, attachmentMessage({ from: YUKI, to: ALICE, subject: '資料を送ります', date: at(days(10)),
    text: '資料を添付します。ご確認ください。\n田中\n',
    attachments: [{ filename: '報告書.txt', contentType: 'text/plain; charset=utf-8', content: '報告書\n\n売上は順調です。\n' }] }), at(days(10)));
  add(inbox, attachmentMessage({ from: { name: 'Calendar', address: 'calendar@example.test' }, to: ALICE, subject: 'Invitation: Launch retro', date: at(days(1) + hours(1)),
    text: 'You have been invited to "Launch retro" on Monday 10:00.\n',
    attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mailroom//Seed//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:launch-retro@example.test\r\nDTSTART:20261109T090000Z\r\nDTEND:20261109T100000Z\r\nSUMMARY:Launch retro\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' }] }), at(days(1) + hours(1)), []);

  // Inline cid: image, remote image, hostile HTML, malformed
  add(inbox, inlineImageMessage({ from: CAROL, to: ALICE, subject: 'New logo (inline image)', date: at(days(3) + hours(8)) }), at(days(3) + hours(8)));
  add(inbox, remoteImageMessage({ date: at(days(1) + hours(8)) }), at(days(1) + hours(8)), []);
  add(inbox, hostileHtmlMessage({ date: at(days(11)) }), at(days(11)), []);
  add(inbox, malformedMessage(), at(days(13)), []);

  // Filler: realistic short messages from a pool of people, spread over the last ~40 days.
  const subjects = ['Quick question about the API', 'Lunch tomorrow?', 'Re: budget', 'Can you review my PR?', 'Standup notes', 'Server maintenance tonight',
    'Welcome to the team!', 'Conference talk accepted', 'Your package is on its way', 'Reminder: 1:1 on Thursday', 'Customer feedback digest',
    'Password expiry notice', 'Re: hiring plan', 'Coffee chat?', 'Updated roadmap', 'Fwd: interesting article', 'Weekly metrics', 'Holiday schedule'];
  let fillerMinutes = days(1) + hours(2);
  let n = 0;
  while (inbox.length < 60) {
    const from = rng.chance(0.4) ? rng.pick([BOB, CAROL, DANA]) : randomPerson(rng);
    const subject = subjects[n % subjects.length];
    fillerMinutes += rng.int(hours(4), hours(30));
    const d = at(fillerMinutes);
    const text = `Hi Alice,\n\n${loremWords(rng, rng.int(15, 60))}\n\n${loremWords(rng, rng.int(10, 40))}\n\nThanks,\n${from.name}\n`;
    const flags = n < 6 ? [] : rng.chance(0.12) ? SEEN_FLAGGED : rng.chance(0.08) ? FLAGGED : SEEN;
    add(inbox, plainMessage({ from, to: ALICE, subject, date: d, key: `alice-filler-${n}`, text }), d, flags);
    n++;
  }

  // More Sent
  for (const [i, to, subject] of [[0, BOB, 'Re: Can you review my PR?'], [1, CAROL, 'Staging credentials'], [2, DANA, 'Flights booked ✈️']] as const) {
    const d = at(days(10 + i * 3));
    add(sent, plainMessage({ from: ALICE, to, subject, date: d, key: `alice-sent-${i}`, text: `${loremWords(rng, 25)}\n\nAlice\n` }), d);
  }

  const simple = (key: string, from: Address, subject: string, minutesAgo: number, flags: string[] = SEEN, to: Address = ALICE): Item => ({
    raw: plainMessage({ from, to, subject, date: at(minutesAgo), key, text: `${loremWords(rng, rng.int(20, 50))}\n\n${from.name}\n` }),
    date: at(minutesAgo),
    flags,
  });

  return {
    INBOX: inbox,
    Sent: sent,
    Drafts: [
      { raw: plainMessage({ from: ALICE, to: BOB, subject: 'Draft: feedback on Q4 goals', date: at(hours(20)), key: 'draft-1', text: 'Bob,\n\nSome thoughts on the Q4 goals:\n\n- ' }), date: at(hours(20)), flags: ['\\Draft', '\\Seen'] },
      { raw: htmlMessage({ from: ALICE, to: [CAROL, DANA], subject: 'Draft: team newsletter', date: at(days(2)), key: 'draft-2', html: '<h2>Team newsletter</h2><p>TODO: write intro…</p>' }), date: at(days(2)), flags: ['\\Draft', '\\Seen'] },
    ],
    Trash: [
      simple('trash-1', randomPerson(rng), 'Old meeting moved', days(20)),
      simple('trash-2', BOB, 'Ignore previous email', days(22)),
      simple('trash-3', randomPerson(rng), 'Your trial has ended', days(25)),
    ],
    Junk: [
      { raw: htmlMessage({ from: { name: 'Prince Consulting', address: 'prince@spam.example' }, to: ALICE, subject: 'URGENT business proposal!!!', date: at(days(3)), key: 'junk-1', html: '<p style="color:red;font-size:24px">CONGRATULATIONS</p><p>You have been selected to receive $10,000,000.</p>' }), date: at(days(3)), flags: [] },
      simple('junk-2', { name: 'Cheap Watches', address: 'sales@watches.spam.example' }, 'R0lex 90% off', days(4), []),
      { raw: hostileHtmlMessage({ date: at(days(5)), key: 'junk-hostile', subject: 'Verify your account now' }), date: at(days(5)), flags: [] },
    ],
    Archive: Array.from({ length: 6 }, (_, i) => simple(`archive-${i}`, rng.pick([BOB, CAROL, DANA, JOERG]), `Archived: ${rng.pick(subjects)}`, days(60 + i * 9))),
    Projects: Array.from({ length: 4 }, (_, i) => simple(`projects-${i}`, rng.pick([BOB, CAROL]), `Project update ${i + 1}: ${rng.pick(['Atlas', 'Beacon', 'Comet', 'Delta'])}`, days(14 + i * 2))),
    'Projects/Mailroom': [
      simple('pm-1', BOB, 'Mailroom: IMAP IDLE design', days(20)),
      simple('pm-2', CAROL, 'Mailroom: test plan', days(18), SEEN_FLAGGED),
      { raw: attachmentMessage({ from: DANA, to: ALICE, subject: 'Mailroom: architecture diagram', date: at(days(17)), key: 'pm-3', text: 'Diagram attached.\n', attachments: [{ filename: 'architecture.png', contentType: 'image/png', content: tinyPng(64, 48) }] }), date: at(days(17)), flags: SEEN },
      simple('pm-4', BOB, 'Re: Mailroom: POP3 cache semantics', days(12), []),
      simple('pm-5', CAROL, 'Mailroom: release checklist', days(2), []),
    ],
    Receipts: ['Coffee Roasters', 'Book Shop', 'Train Tickets', 'Cloud Hosting', 'Bike Repair'].map((shop, i) => {
      const d = at(days(5 + i * 7));
      const total = (12.5 + i * 17.25).toFixed(2);
      return {
        raw: attachmentMessage({ from: { name: shop, address: `receipts@${shop.toLowerCase().replace(/ /g, '-')}.example` }, to: ALICE, subject: `Your receipt from ${shop} (€${total})`, date: d, key: `receipt-${i}`,
          html: `<table style="font-family:Arial;border-collapse:collapse"><tr><td style="padding:4px 12px">Total</td><td style="padding:4px 12px"><b>€${total}</b></td></tr></table>`,
          attachments: [{ filename: `receipt-${i + 1}.pdf`, contentType: 'application/pdf', content: tinyPdf([shop, `Receipt #${1000 + i}`, `Total: EUR ${total}`]) }] }),
        date: d,
        flags: SEEN,
      };
    }),
    Team: [
      simple('team-1', BOB, 'Team: on-call rota for November', days(6)),
      simple('team-2', CAROL, 'Team: shared credentials policy', days(5)),
      simple('team-3', DANA, 'Team: offsite budget approved', days(4)),
      { raw: htmlMessage({ from: ALICE, to: [BOB, CAROL, DANA], subject: 'Team: welcome to the shared folder', date: at(days(1)), key: 'team-4', html: '<p>This folder is shared with the team (read-only for Bob).</p>' }), date: at(days(1)), flags: SEEN },
    ],
  };
}

export function smallUserFolders(user: string, name: string, seed: number): Folders {
  const rng = createRng(seed);
  const me: Address = { name, address: `${user}@${DOMAIN}` };
  const items: Item[] = [];
  for (let i = 0; i < 12; i++) {
    const from = i % 3 === 0 ? ALICE : randomPerson(rng);
    const d = at(days(i * 2) + hours(rng.int(1, 20)));
    const subject = i === 0 ? `Welcome to Mailroom, ${name.split(' ')[0]}!` : `${rng.pick(['Status', 'Question', 'Follow-up', 'Heads-up', 'Reminder', 'Idea'])}: ${loremWords(rng, 4).replace(/\.$/, '')}`;
    const text = `Hi ${name.split(' ')[0]},\n\n${loremWords(rng, rng.int(20, 70))}\n\n${from.name}\n`;
    const raw = i === 4
      ? htmlMessage({ from, to: me, subject, date: d, key: `${user}-${i}`, html: `<p>Hi ${name.split(' ')[0]},</p><p>${loremWords(rng, 30)}</p>` })
      : i === 7
        ? attachmentMessage({ from, to: me, subject, date: d, key: `${user}-${i}`, text, attachments: [{ filename: 'notes.txt', contentType: 'text/plain', content: loremWords(rng, 40) }] })
        : plainMessage({ from, to: me, subject, date: d, key: `${user}-${i}`, text });
    items.push({ raw, date: d, flags: i < 3 ? [] : i === 5 ? SEEN_FLAGGED : SEEN });
  }
  return { INBOX: items };
}
