/*
 * Preloaded into Cyrus's master (and so into every imapd it forks) by scripts/cyrus-stack.sh.
 *
 * Debian's Cyrus 3.6 draws mailbox uniqueids from rand() with the same seed in every process, so two
 * imapd processes creating folders at the same time hand out the same ids. Annotations, the special-use
 * flags among them, are keyed by uniqueid: one user's Drafts then reported another user's \Trash flag
 * (seen in CI). Seeding each process from its pid and the clock makes the ids distinct again.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static unsigned mix(unsigned s) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return s ^ ((unsigned)getpid() * 2654435761u) ^ (unsigned)ts.tv_nsec ^ (unsigned)ts.tv_sec;
}

/* Cyrus may seed by itself (with the time in seconds, the same in processes forked together): mix the pid in. */
void srand(unsigned s) {
  void (*real)(unsigned) = (void (*)(unsigned))dlsym(RTLD_NEXT, "srand");
  if (real) real(mix(s));
}

__attribute__((constructor)) static void seed_at_start(void) { srand(0); }
