/*
 * log: the error log.  One line per message, stamped with time, level and
 * process; written to stderr, a file (reopened on SIGUSR1) or syslog.
 */
#ifndef FNPOOL_LOG_H
#define FNPOOL_LOG_H

#include <sys/time.h>
#include <stddef.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_NOTICE,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

int	 log_level_parse(const char *, enum log_level *);
int	 log_open(const char *target, enum log_level);
int	 log_reopen(void);
void	 log_set_role(const char *);

/*
 * For lines prepared ahead and written from a signal handler: log_prefix
 * formats the stamp of a line logged at tv (nothing under syslog) and
 * returns its length; log_write_raw is async-signal-safe (one write, and
 * nothing under syslog, which is not).
 */
size_t	 log_prefix(char *, size_t, enum log_level, const struct timeval *);
void	 log_write_raw(const char *, size_t);

/*
 * Every message is escaped by one rule before it is written, so that text
 * from a function or a client (an error's message, a module name, a
 * header) can neither end the line nor reach a terminal as a control
 * sequence: LF, CR and tab become \n \r \t, other control bytes and DEL
 * \xNN, MuJS's encoding of U+0000 \x00, the C1 controls \u0080..\u009f.
 * log_escape applies it to s[0..n) into out (at most outsize bytes, no
 * NUL added, never half an escape); *used says how much of s it took.
 */
size_t	 log_escape(char *out, size_t outsize, const char *s, size_t n,
	    size_t *used);

void	 log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
#define log_error(...)	log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

/* Log with ": strerror(errno)" appended, then exit(1). */
void	 log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Log and exit(1). */
void	 log_fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* "SIGTERM", or the number when the signal has no name; the buffer is
 * the next call's. */
const char *signal_name(int);

#endif
