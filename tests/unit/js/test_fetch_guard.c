/* Unit tests for fetch_guard.c: fetch.allow and fetch.deny. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <string.h>

#include "js/builtin/fetch_guard.h"
#include "tap.h"

static int by_name;
static char why[256];

static int
host(const struct pool_config *p, const char *h)
{
	return fetch_guard_host(p, h, &by_name, why, sizeof(why));
}

/* addr("10.1.2.3") or addr("::1"): fetch_guard_addr with by_name. */
static int
addr(const struct pool_config *p, int named, const char *a)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;

	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, a, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return fetch_guard_addr(p, named, (struct sockaddr *)&s4, why,
		    sizeof(why));
	}
	inet_pton(AF_INET6, a, &s6.sin6_addr);
	s6.sin6_family = AF_INET6;
	return fetch_guard_addr(p, named, (struct sockaddr *)&s6, why,
	    sizeof(why));
}

static void
test_default(void)
{
	struct pool_config p;

	memset(&p, 0, sizeof(p));	/* fetch.deny unset: its default */
	ok(host(&p, "api.example.com") == 0 && !by_name, "default: any host");
	ok(addr(&p, 0, "93.184.216.34") == 0 && addr(&p, 0, "10.0.0.1") == 0 &&
	    addr(&p, 0, "127.0.0.1") == 0, "default: any address but link-local");
	ok(addr(&p, 0, "169.254.169.254") == -1, "default: cloud metadata refused");
	is_str(why, "address 169.254.169.254 is denied by fetch.deny", "  saying why");
	ok(addr(&p, 0, "fe80::1") == -1 && addr(&p, 0, "::ffff:169.254.1.1") == -1,
	    "default: IPv6 link-local, and an IPv4-mapped link-local address");
	ok(host(&p, "169.254.169.254") == -1 && host(&p, "[fe80::a]") == -1,
	    "default: a link-local address literal is refused before connecting");
	p.fetch_deny = "";
	ok(addr(&p, 0, "169.254.169.254") == 0, "fetch.deny = (empty): nothing denied");
}

static void
test_deny(void)
{
	struct pool_config p;

	memset(&p, 0, sizeof(p));
	p.fetch_deny = "127.0.0.0/8 ::1 *.internal secret.example.com";
	ok(host(&p, "localhost") == 0, "a name passes the name check");
	ok(addr(&p, 0, "127.0.0.1") == -1 && addr(&p, 0, "::1") == -1,
	    "  its denied addresses do not (DNS rebinding, localhost)");
	ok(addr(&p, 1, "127.0.0.2") == -1, "  even when fetch.allow names it");
	ok(host(&p, "db.internal") == -1 && host(&p, "SECRET.example.com") == -1,
	    "denied names");
	is_str(why, "SECRET.example.com is denied by fetch.deny", "  saying why");
	ok(host(&p, "example.com") == 0, "  others pass");
}

static void
test_allow(void)
{
	struct pool_config p;

	memset(&p, 0, sizeof(p));
	p.fetch_allow = "api.example.com *.svc.example.com";
	ok(host(&p, "api.example.com") == 0 && by_name, "allowed by name");
	ok(addr(&p, by_name, "10.9.8.7") == 0, "  to whatever address it has");
	ok(addr(&p, by_name, "169.254.169.254") == -1, "  but fetch.deny still wins");
	ok(host(&p, "a.svc.example.com") == 0, "allowed by wildcard");
	ok(host(&p, "evil.example.net") == -1, "a name not listed");
	is_str(why, "evil.example.net is not in fetch.allow", "  saying why");
	ok(host(&p, "10.9.8.7") == -1, "an address, with names only in the list");

	p.fetch_allow = "10.0.0.0/8, api.example.com";
	ok(host(&p, "other.example.net") == 0 && !by_name,
	    "with networks listed, any name may try");
	ok(addr(&p, by_name, "10.1.1.1") == 0, "  an address in them connects");
	ok(addr(&p, by_name, "192.0.2.1") == -1, "  one outside does not");
	is_str(why, "address 192.0.2.1 is not in fetch.allow", "  saying why");
	p.fetch_allow = " ";
	ok(host(&p, "anything.example") == 0, "a blank fetch.allow is unset");
}

int
main(void)
{
	test_default();
	test_deny();
	test_allow();
	return tap_done();
}
