/* Unit tests for account.c: a request's account, the slot and the gauge. */
#include <string.h>

#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "worker/account.h"
#include "tap.h"

int
main(void)
{
	char *env[] = { NULL };
	struct request req = { .env = env, .method = "GET",
	    .uri = "/hello?x=1", .id = "abc" };
	struct account acct;
	struct ct_function *f;
	struct ct_pool *p;
	struct sb_slot s;
	int www, slot, i;

	/* Without a slot (CGI, `fnpool worker`): nothing shared moves. */
	account_begin(&acct, &req);
	account_function(&acct, "hello.js");
	is_str(acct.function, "hello.js", "the function reached is kept");
	account_end(&acct, &req, 200, NULL);
	account_idle();
	ok(1, "without a slot, accounting touches nothing shared");

	if (scoreboard_init() == -1 || counters_init() == -1)
		return 99;
	www = counters_pool_index("www");
	p = counters_pool(www);
	slot = scoreboard_claim("www", 1, www);
	scoreboard_attach(slot);
	account_idle();
	is_int(p->active, 0, "a starting worker going idle was not busy");

	account_begin(&acct, &req);
	scoreboard_read(slot, &s);
	is_int(s.state, SB_BUSY, "account_begin makes the slot busy");
	is_str(s.uri, "/hello", "with the request's URI");
	is_int(p->active, 1, "and counts the worker busy");
	is_int(p->max_active, 1, "and the most busy at once");
	account_begin(&acct, &req);
	is_int(p->active, 1, "a busy slot is counted once");

	account_function(&acct, "hello.js");
	acct.memory = 4096;
	scoreboard_read(slot, &s);
	is_str(s.function, "hello.js", "the function is in the slot");
	account_end(&acct, &req, 200, NULL);
	is_int(p->requests, 1, "account_end counts the request");
	for (i = 0, f = NULL; i < CT_FUNCTIONS; i++)
		if ((f = counters_function_at(i)) != NULL && f->pool == www &&
		    strcmp(f->name, "hello.js") == 0)
			break;
	ok(i < CT_FUNCTIONS && f->status[1] == 1 && f->memory == 4096,
	    "under its function, status class and memory");
	is_int(p->active, 1, "the worker stays busy until it waits again");

	account_idle();
	scoreboard_read(slot, &s);
	is_int(s.state, SB_IDLE, "account_idle makes the slot idle");
	is_int(p->active, 0, "and takes it off the gauge");
	account_idle();
	is_int(p->active, 0, "an idle slot is taken off once");
	return tap_done();
}
