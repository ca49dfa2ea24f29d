/*
 * exitcodes: the exit statuses by which a worker tells the master why it
 * ended, for the master's log.  Kept clear of 1 (log_fatal) and 2 (bad
 * start), and of 128 + signal numbers, which shells use.
 */
#ifndef FNPOOL_EXITCODES_H
#define FNPOOL_EXITCODES_H

#define FNPOOL_EXIT_PANIC	70	/* MuJS panicked outside a protected call */
#define FNPOOL_EXIT_TIMEOUT	124	/* a request ran past request_timeout */
#define FNPOOL_EXIT_RLIMIT	125	/* a configured rlimit_* cannot be set */

#endif
