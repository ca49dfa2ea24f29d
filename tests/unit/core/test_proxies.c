/* Unit tests for proxies.c: trusted_proxies and status.allowed_clients. */
#include "core/proxies.h"
#include "tap.h"

static void
test_proxies(void)
{
	ok(proxies_parse("10.0.0.0/8, ::1 unix:", NULL) == 0, "proxies: valid list");
	ok(proxies_parse("10.0.0.0/33", NULL) == -1, "proxies: bad prefix");
	ok(proxies_parse("example.com", NULL) == -1, "proxies: names refused");
	ok(proxies_trusted("10.0.0.0/8", "10.200.1.1"), "proxies: in network");
	ok(!proxies_trusted("10.0.0.0/8", "11.0.0.1"), "proxies: outside");
	ok(proxies_trusted("192.168.1.0/25", "192.168.1.127") &&
	    !proxies_trusted("192.168.1.0/25", "192.168.1.128"), "proxies: odd prefix");
	ok(proxies_trusted("2001:db8::/32", "2001:db8:1::5"), "proxies: IPv6 network");
	ok(proxies_trusted("unix:", "unix:"), "proxies: unix socket peer");
	ok(!proxies_trusted(NULL, "10.0.0.1"), "proxies: none configured");
	/* as status.allowed_clients */
	ok(proxies_trusted("127.0.0.1, ::1", "::1") &&
	    !proxies_trusted("127.0.0.1, ::1", "::2"), "proxies: a single IPv6 address");
	ok(!proxies_trusted("2001:db8::/32", "2001:db9::1"), "proxies: outside an IPv6 network");
	ok(proxies_trusted("10.0.0.0/8", "::ffff:10.1.2.3"),
	    "proxies: an IPv4-mapped peer matches an IPv4 network");
	ok(!proxies_trusted("10.0.0.0/8", "::ffff:11.1.2.3"),
	    "proxies: an IPv4-mapped peer outside it does not");
	ok(proxies_trusted("127.0.0.1", "::ffff:127.0.0.1"),
	    "proxies: an IPv4-mapped peer matches a single IPv4 address");
	ok(proxies_trusted("::ffff:0:0/96", "::ffff:10.1.2.3"),
	    "proxies: IPv6 entries still match it as IPv6");
	ok(!proxies_trusted("10.0.0.0/8", "::10.1.2.3") &&
	    !proxies_trusted("10.0.0.0/8", "64:ff9b::a01:203"),
	    "proxies: other IPv6 forms holding an IPv4 address do not");
	ok(proxies_trusted("0.0.0.0/0", "203.0.113.1") &&
	    !proxies_trusted("0.0.0.0/0", "2001:db8::1"), "proxies: /0 is one family");
	ok(!proxies_trusted("10.0.0.0/8", "garbage") &&
	    !proxies_trusted("10.0.0.0/8", ""), "proxies: a malformed address never matches");
	ok(!proxies_trusted("10.0.0.0/8", "unix:"), "proxies: unix: only when listed");
}

int
main(void)
{
	test_proxies();
	return tap_done();
}
