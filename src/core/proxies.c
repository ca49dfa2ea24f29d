/*
 * proxies: matching a peer address against trusted_proxies.  Entries are
 * IPv4 or IPv6 addresses with an optional /prefix, or "unix:" for peers
 * on a unix socket (nginx sets REMOTE_ADDR to "unix:" there).  An
 * IPv4-mapped IPv6 peer (::ffff:10.1.2.3) matches IPv4 entries.  The
 * same entries, plus host names, make fetch's fetch.allow and fetch.deny
 * (js/builtin/fetch_guard.c).
 */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/proxies.h"

struct addr {
	int		 family;
	unsigned char	 b[16];
};

static int
addr_parse(const char *s, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->b) == 1) {
		a->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->b) == 1) {
		a->family = AF_INET6;
		return 0;
	}
	return -1;
}

/* ::ffff:a.b.c.d, as a dual-stack socket reports an IPv4 peer. */
static int
v4_mapped(const struct addr *a, struct addr *v4)
{
	static const unsigned char prefix[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (a->family != AF_INET6 || memcmp(a->b, prefix, 12) != 0)
		return 0;
	memset(v4, 0, sizeof(*v4));
	v4->family = AF_INET;
	memcpy(v4->b, a->b + 12, 4);
	return 1;
}

static int
prefix_match(const struct addr *net, const struct addr *a, int bits)
{
	int full = bits / 8, rest = bits % 8;
	struct addr v4;

	if (net->family == AF_INET && v4_mapped(a, &v4))
		a = &v4;
	if (net->family != a->family)
		return 0;
	if (memcmp(net->b, a->b, (size_t)full) != 0)
		return 0;
	return rest == 0 ||
	    ((net->b[full] ^ a->b[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* One entry; returns -1 when malformed, else whether peer matches. */
static int
entry_check(const char *e, const struct addr *peer, int peer_unix)
{
	char text[64], *slash, *end;
	struct addr net;
	long bits;

	if (strcmp(e, "unix:") == 0)
		return peer_unix;
	if (strlen(e) >= sizeof(text))
		return -1;
	strcpy(text, e);
	if ((slash = strchr(text, '/')) != NULL)
		*slash++ = '\0';
	if (addr_parse(text, &net) == -1)
		return -1;
	bits = net.family == AF_INET ? 32 : 128;
	if (slash != NULL) {
		long max = bits;

		bits = strtol(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || bits < 0 || bits > max)
			return -1;
	}
	return peer != NULL && prefix_match(&net, peer, (int)bits);
}

int
proxies_parse(const char *list, const char *addr)
{
	struct addr peer, *pp = NULL;
	char entry[128];
	const char *p = list;
	size_t n;
	int r, found = 0;

	if (addr != NULL && addr_parse(addr, &peer) == 0)
		pp = &peer;
	while (*p != '\0') {
		p += strspn(p, " ,\t");
		if ((n = strcspn(p, " ,\t")) == 0)
			break;
		if (n >= sizeof(entry))
			return -1;
		memcpy(entry, p, n);
		entry[n] = '\0';
		p += n;
		r = entry_check(entry, pp, addr != NULL &&
		    strncmp(addr, "unix:", 5) == 0);
		if (r == -1)
			return -1;
		found |= r;
	}
	return found;
}

int
proxies_trusted(const char *list, const char *addr)
{
	return list != NULL && addr != NULL && proxies_parse(list, addr) == 1;
}

/* ---- host lists: addresses, networks and names ------------------------- */

/*
 * A name entry: letters, digits, '-' and '.' in labels that are not
 * empty, optionally after "*." (a wildcard for the names below it).
 */
static int
name_entry_ok(const char *e)
{
	const char *p = strncmp(e, "*.", 2) == 0 ? e + 2 : e;
	size_t label = 0;

	if (*p == '\0' || strlen(p) > 253)
		return 0;
	for (; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0)
				return 0;
			label = 0;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-') || ++label > 63)
			return 0;
	}
	return label > 0;
}

static int
same_name(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++) {
		int ca = a[i], cb = b[i];

		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return 0;
	}
	return 1;
}

/* Does host match the name entry e?  "*.x.y" matches "a.x.y", not "x.y". */
static int
name_match(const char *e, const char *host)
{
	size_t hn = strlen(host), en;

	if (hn > 0 && host[hn - 1] == '.')	/* "example.com." */
		hn--;
	if (strncmp(e, "*.", 2) != 0)
		return same_name(e, strlen(e), host, hn);
	e += 1;					/* ".x.y" */
	en = strlen(e);
	return hn > en && same_name(e, en, host + hn - en, en);
}

/*
 * Calls fn for each entry of list with its kind (1: address or network,
 * 0: name); stops at the first fn that returns nonzero and returns that,
 * or -1 for a malformed entry, or 0.
 */
static int
hosts_each(const char *list, int (*fn)(const char *, int, const void *),
    const void *arg)
{
	char entry[256];
	const char *p = list;
	size_t n;
	int r, addr;

	while (*p != '\0') {
		p += strspn(p, " ,\t");
		if ((n = strcspn(p, " ,\t")) == 0)
			break;
		if (n >= sizeof(entry))
			return -1;
		memcpy(entry, p, n);
		entry[n] = '\0';
		p += n;
		addr = strcmp(entry, "unix:") != 0 &&
		    entry_check(entry, NULL, 0) != -1;
		if (!addr && !name_entry_ok(entry))
			return -1;
		if ((r = fn(entry, addr, arg)) != 0)
			return r;
	}
	return 0;
}

static int
hosts_nothing(const char *e, int addr, const void *arg)
{
	(void)e, (void)addr, (void)arg;
	return 0;
}

static int
hosts_is_addr(const char *e, int addr, const void *arg)
{
	(void)e, (void)arg;
	return addr;
}

static int
hosts_match_name(const char *e, int addr, const void *host)
{
	return !addr && name_match(e, host);
}

static int
hosts_match_addr(const char *e, int addr, const void *peer)
{
	return addr && entry_check(e, peer, 0) == 1;
}

int
proxies_hosts_check(const char *list)
{
	return hosts_each(list, hosts_nothing, NULL) == -1 ? -1 : 0;
}

int
proxies_hosts_name(const char *list, const char *host)
{
	return list != NULL && hosts_each(list, hosts_match_name, host) == 1;
}

int
proxies_hosts_addr(const char *list, const char *addr)
{
	struct addr peer;

	return list != NULL && addr_parse(addr, &peer) == 0 &&
	    hosts_each(list, hosts_match_addr, &peer) == 1;
}

int
proxies_hosts_has_addr(const char *list)
{
	return list != NULL && hosts_each(list, hosts_is_addr, NULL) == 1;
}
