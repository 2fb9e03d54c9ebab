// Part of scripts/seed-lib.ts (deterministic raw-message generators): see there.
import { createRng, type Rng } from './rng';
import type { Address, AddressInput } from './encoding';
import { htmlMessage, plainMessage } from './messages';

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Chloé', 'Jörg', 'Yuki', 'Priya', 'Omar', 'Zoë', 'Wei', 'Ana', 'Kwame', 'Ingrid'];
const LAST = ['Smith', 'García', 'Müller', 'Tanaka', 'Okafor', 'Rossi', 'Kowalski', 'Nguyen', 'Silva', 'Haddad', 'Larsen', 'Dubois', 'Patel', 'Kim', 'Novak'];
const ORGS = ['acme.example', 'globex.example', 'initech.example', 'umbrella.example', 'hooli.example', 'stark.example', 'wayne.example', 'example.org'];
const TOPICS = [
  'Quarterly report', 'Build failed on main', 'Invoice', 'Meeting notes', 'Re: lunch?', 'Weekly digest', 'Password reset',
  'Your order has shipped', 'Design review', 'Security advisory', 'Welcome aboard', 'Deploy window', 'Budget 2027',
  'Re: Re: contract draft', 'Travel itinerary', 'Reminder: standup', 'Customer feedback', 'Release notes',
  'Fwd: conference tickets', 'Server maintenance',
];
const WORDS = 'the of and to in is it that for on with as was at by this we you are be from have not or an they which one all were her would there their will when who make can more if no out so said what up its about into than them only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(' ');

export function loremWords(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(WORDS));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

export function randomPerson(rng: Rng): Address {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  return { name: `${first} ${last}`, address: `${local}@${rng.pick(ORGS)}` };
}

/**
 * The i-th (0-based) message of a generated bulk mailbox: varied senders, subjects and sizes,
 * small bodies. Deterministic in (seed, i).
 */
export function bulkMessage(i: number, to: AddressInput, date: Date, seed = 424242): Buffer {
  const rng = createRng(seed ^ Math.imul(i + 1, 2654435761));
  const from = randomPerson(rng);
  const subject = `${rng.pick(TOPICS)} #${i + 1}`;
  const paragraphs = rng.int(1, rng.chance(0.05) ? 30 : 4);
  const text = Array.from({ length: paragraphs }, () => loremWords(rng, rng.int(8, 60))).join('\n\n') + `\n\n-- \n${from.name}\n`;
  const key = `bulk-${seed}-${i}`;
  if (rng.chance(0.15)) {
    const html = `<html><body><p style="font-family:Georgia,serif">${text.replace(/\n\n/g, '</p><p>')}</p></body></html>`;
    return htmlMessage({ from, to, subject, date, key, html, text });
  }
  return plainMessage({ from, to, subject, date, key, text });
}
