import { plainMessage, SEED_EPOCH } from "../../scripts/seed-lib";

/*
 * A customer's message to a team mailbox, dated `i` minutes after the seed epoch. Its Message-ID is
 * unique to the run (`run`, a suite's start time) and the suite (`suite`): team data and the activity
 * trail are keyed by it and outlive a mailbox reset, so a rerun must not find the last run's.
 */
export function customerMail(to: string, subject: string, i: number, run: string, suite: string): Buffer {
  return plainMessage({
    from: { name: "Customer", address: "customer@example.test" },
    to,
    subject,
    date: new Date(SEED_EPOCH.getTime() + i * 60_000),
    text: `Body of ${subject}`,
    messageId: `<${run}.${i}.${subject.replace(/\W+/g, "-")}@${suite}.test>`,
  });
}
