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

/*
 * Host lists (fetch.allow, fetch.deny): addresses and networks as above
 * (not "unix:"), and host names, "api.example.com" or "*.example.com"
 * for any name below example.com.  hosts_check returns -1 for a
 * malformed list, else 0; hosts_name whether host matches a name entry
 * (without case; an address literal matches none); hosts_addr whether
 * the address addr (text) matches an address or network entry;
 * hosts_has_addr whether the list has any of those.
 */
int	 proxies_hosts_check(const char *list);
int	 proxies_hosts_name(const char *list, const char *host);
int	 proxies_hosts_addr(const char *list, const char *addr);
int	 proxies_hosts_has_addr(const char *list);

#endif
