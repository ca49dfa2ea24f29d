/*
 * fetch_guard: see fetch_guard.h.  The lists are core/proxies.c's host
 * lists.  fetch.deny always wins: its names refuse a hop, its addresses
 * and networks refuse a connection.  With fetch.allow set, a hop must
 * name an allowed host, or else every connection it opens must go to an
 * allowed address or network.  fetch.deny's default refuses link-local
 * addresses, where clouds answer with instance credentials.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "core/proxies.h"
#include "js/builtin/fetch_guard.h"

static const char *
deny_list(const struct pool_config *pool)
{
	return pool->fetch_deny != NULL ? pool->fetch_deny : FETCH_DENY_DEFAULT;
}

/* An empty fetch.allow allows nothing but says nothing either: unset. */
static const char *
allow_list(const struct pool_config *pool)
{
	const char *a = pool->fetch_allow;

	return a != NULL && a[strspn(a, " ,\t")] != '\0' ? a : NULL;
}

int
fetch_guard_host(const struct pool_config *pool, const char *host,
    int *by_name, char *why, size_t whysize)
{
	const char *allow = allow_list(pool);
	char bare[256];
	size_t n = strlen(host);

	*by_name = 0;
	/* "[::1]": the address inside */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']' &&
	    n - 2 < sizeof(bare)) {
		memcpy(bare, host + 1, n - 2);
		bare[n - 2] = '\0';
		host = bare;
	}
	if (proxies_hosts_name(deny_list(pool), host) ||
	    proxies_hosts_addr(deny_list(pool), host)) {
		snprintf(why, whysize, "%s is denied by fetch.deny", host);
		return -1;
	}
	if (allow == NULL)
		return 0;
	if (proxies_hosts_name(allow, host)) {
		*by_name = 1;
		return 0;
	}
	if (proxies_hosts_has_addr(allow))
		return 0;	/* the connections decide */
	snprintf(why, whysize, "%s is not in fetch.allow", host);
	return -1;
}

int
fetch_guard_addr(const struct pool_config *pool, int by_name,
    const struct sockaddr *sa, char *why, size_t whysize)
{
	const char *allow = allow_list(pool);
	char text[INET6_ADDRSTRLEN];
	const void *a;

	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	else {
		snprintf(why, whysize, "address family %d is not IP",
		    sa->sa_family);
		return -1;
	}
	if (inet_ntop(sa->sa_family, a, text, sizeof(text)) == NULL) {
		snprintf(why, whysize, "unreadable address");
		return -1;
	}
	if (proxies_hosts_addr(deny_list(pool), text)) {
		snprintf(why, whysize, "address %s is denied by fetch.deny",
		    text);
		return -1;
	}
	if (allow != NULL && !by_name && !proxies_hosts_addr(allow, text)) {
		snprintf(why, whysize, "address %s is not in fetch.allow",
		    text);
		return -1;
	}
	return 0;
}
