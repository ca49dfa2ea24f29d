/*
 * exitcodes: the exit statuses by which a worker tells the master why it
 * ended, for the master's log.  The ones a worker chooses are kept clear
 * of 128 + signal numbers, which shells use.
 */
#ifndef FNPOOL_EXITCODES_H
#define FNPOOL_EXITCODES_H

#define FNPOOL_EXIT_FATAL	1	/* log_fatal: out of memory, a broken invariant */
#define FNPOOL_EXIT_START	2	/* a worker could not start serving */
#define FNPOOL_EXIT_PANIC	70	/* MuJS panicked outside a protected call */
#define FNPOOL_EXIT_TIMEOUT	124	/* a request ran past request_timeout */
#define FNPOOL_EXIT_RLIMIT	125	/* a configured rlimit_* cannot be set */

#endif
