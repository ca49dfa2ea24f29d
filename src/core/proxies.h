/*
 * proxies: the pool's trusted_proxies list, "10.0.0.0/8 ::1 unix:", and
 * whether a peer address (REMOTE_ADDR) is on it.  Only a listed peer may
 * tell fnpool the client's address through X-Forwarded-For/X-Real-IP.
 */
#ifndef FNPOOL_PROXIES_H
#define FNPOOL_PROXIES_H

/*
 * Checks the list; with addr, also whether addr matches an entry.
 * Returns -1 for a malformed list, else 1 (match) or 0.
 */
int	 proxies_parse(const char *list, const char *addr);
int	 proxies_trusted(const char *list, const char *addr);

#endif
