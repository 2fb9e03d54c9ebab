import "server-only";

// Sessions remembered per account (to stop its work with the last one); past this the oldest are forgotten.
export const MAX_SESSIONS_PER_ACCOUNT = 1000;

/** A Set that forgets its oldest entry past `max`, so a flood of sign-ins cannot grow it without end. */
export class BoundedSet<T> extends Set<T> {
  constructor(private readonly max: number) {
    super();
  }
  override add(value: T): this {
    super.delete(value); // re-adding refreshes its place
    super.add(value);
    if (this.size > this.max) super.delete(this.values().next().value as T);
    return this;
  }
}
