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

/* fetch.allow and fetch.deny: addresses, networks and names */
static void
test_hosts(void)
{
	const char *l = "10.0.0.0/8 api.example.com, *.svc.local ::1";

	ok(proxies_hosts_check(l) == 0, "hosts: a mixed list is valid");
	ok(proxies_hosts_check("169.254.0.0/16 fe80::/10") == 0 &&
	    proxies_hosts_check("") == 0, "hosts: the default deny, and empty");
	ok(proxies_hosts_check("unix:") == -1, "hosts: unix: refused");
	ok(proxies_hosts_check("*") == -1 && proxies_hosts_check("*.") == -1 &&
	    proxies_hosts_check("a..b") == -1 && proxies_hosts_check("a_b") == -1 &&
	    proxies_hosts_check("10.0.0.0/33") == -1 &&
	    proxies_hosts_check("http://x") == -1, "hosts: malformed entries");
	ok(proxies_hosts_name(l, "api.example.com") &&
	    proxies_hosts_name(l, "API.Example.COM") &&
	    proxies_hosts_name(l, "api.example.com."), "hosts: exact name, any case");
	ok(!proxies_hosts_name(l, "x.api.example.com") &&
	    !proxies_hosts_name(l, "example.com"), "hosts: only that name");
	ok(proxies_hosts_name(l, "db.svc.local") &&
	    proxies_hosts_name(l, "a.b.svc.local"), "hosts: wildcard matches below");
	ok(!proxies_hosts_name(l, "svc.local") && !proxies_hosts_name(l, "xsvc.local"),
	    "hosts: wildcard does not match the domain itself or a suffix");
	ok(!proxies_hosts_name(l, "10.1.2.3"), "hosts: addresses are not names");
	ok(proxies_hosts_addr(l, "10.1.2.3") && proxies_hosts_addr(l, "::1") &&
	    !proxies_hosts_addr(l, "11.1.2.3"), "hosts: addresses and networks");
	ok(proxies_hosts_addr("169.254.0.0/16", "::ffff:169.254.169.254"),
	    "hosts: an IPv4-mapped address matches an IPv4 network");
	ok(proxies_hosts_addr("fe80::/10", "fe80::1") &&
	    !proxies_hosts_addr("fe80::/10", "fec0::1"), "hosts: fe80::/10");
	ok(!proxies_hosts_addr(l, "api.example.com"), "hosts: names are not addresses");
	ok(proxies_hosts_has_addr(l) && !proxies_hosts_has_addr("*.svc.local x.y") &&
	    !proxies_hosts_has_addr(NULL), "hosts: has_addr");
	ok(!proxies_hosts_name(NULL, "x") && !proxies_hosts_addr(NULL, "10.0.0.1"),
	    "hosts: no list matches nothing");
}

int
main(void)
{
	test_proxies();
	test_hosts();
	return tap_done();
}
