/* Unit tests for budget.c: the accounting allocator given to MuJS. */
#include <stdio.h>
#include <string.h>

#include <mujs.h>

#include "js/budget.h"
#include "tap.h"

/* 30 KB one character at a time: 450 MB of garbage strings */
#define CHURN	"var s = ''; for (var i = 0; i < 30000; i++) s += 'x'; s.length"

/* Runs src in a fresh state; returns 0 if it ran without exception. */
static int
run(struct budget *b, size_t limit, int attach, const char *src)
{
	js_State *J;
	int r;

	budget_init(b, limit);
	if ((J = js_newstate(budget_alloc, b, 0)) == NULL)
		return -2;
	if (attach)
		budget_attach(b, J);
	r = js_ploadstring(J, "[test]", src);
	if (r == 0) {
		js_pushundefined(J);
		r = js_pcall(J, 0);
	}
	js_freestate(J);
	return r;
}

int
main(void)
{
	struct budget b;
	js_State *J;

	budget_init(&b, 0);
	J = js_newstate(budget_alloc, &b, 0);
	ok(J != NULL && b.used > 0, "a state's bytes are counted (%zu)", b.used);
	js_dostring(J, "var a = []; for (var i = 0; i < 1000; i++) a.push({i: i});");
	js_freestate(J);
	is_int(b.used, 0, "js_freestate returns every byte counted");

	ok(run(&b, 0, 1, "var a = []; for (var i = 0; i < 100000; i++) "
	    "a.push('x' + i);") == 0 && !b.hit, "limit 0: no limit");

	ok(run(&b, 4 << 20, 1, "var a = []; for (;;) a.push(new Array(100)"
	    ".join('x') + a.length);") != 0 && b.hit,
	    "past the limit: an exception, and hit is set");
	ok(b.used == 0, "the refused state still frees everything");

	ok(run(&b, 4 << 20, 1, "var a = [], caught = false; try { for (;;) "
	    "a.push(new Array(100).join('x') + a.length); } catch (e) { "
	    "caught = String(e) === 'Error: out of memory' || "
	    "String(e) === 'out of memory'; a = null; } "
	    "if (!caught) throw 'not caught';") == 0 && b.hit,
	    "a caught 'out of memory' still leaves hit set");

	budget_init(&b, 8 << 20);
	J = js_newstate(budget_alloc, &b, 0);
	budget_attach(&b, J);
	ok(b.gc_counter != NULL,
	    "the collector schedule of this MuJS is found");
	js_freestate(J);

	ok(run(&b, 8 << 20, 1, CHURN) == 0 && !b.hit,
	    "30 KB built one character at a time fits in 8M: collections "
	    "are requested near the limit");
	ok(run(&b, 8 << 20, 0, CHURN) != 0 && b.hit,
	    "without them, the garbage alone exceeds 8M");

	ok(run(&b, 16 << 10, 1, "1") != 0 || b.hit,
	    "a budget too small for a state refuses it without crashing");
	return tap_done();
}
