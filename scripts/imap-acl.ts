import type { ImapFlow } from 'imapflow';

/**
 * Grants `identifier` `rights` on one of the client's mailboxes (SETACL, RFC 4314), for the seed script
 * and the tests that share folders. imapflow has no SETACL helper; exec() is its (internal) raw-command
 * entry point, whose answer must be released with next() or the connection hangs.
 */
export async function setAcl(c: ImapFlow, mailbox: string, identifier: string, rights: string): Promise<void> {
  const exec = (c as unknown as { exec: (cmd: string, attrs: unknown[]) => Promise<{ next: () => void }> }).exec.bind(c);
  const res = await exec('SETACL', [
    { type: 'STRING', value: mailbox },
    { type: 'STRING', value: identifier },
    { type: 'STRING', value: rights },
  ]);
  res.next();
}
