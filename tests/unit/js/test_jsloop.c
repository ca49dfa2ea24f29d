/*
 * Unit tests for jsloop.c, promise.c, promise.js and handler_call: the
 * order in which promise reactions, microtasks, immediates and timers
 * run, the rejections no handler saw, and ctx.waitUntil's work after the
 * response (jsloop_finish).
 *
 * Each case is run as a request handler would be; log(x) records the
 * order, and the handler's outcome follows the "|".  The expected
 * strings were produced by Node v20 running the same source inside an
 * I/O callback (as a request is), with the outcome of awaiting the
 * source's value, and are written here literally: the two tables below
 * are the output of `node tests/unit/js/jsloop-cases.js`, which holds the
 * same sources (CI has no Node).
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>

#include <mujs.h>

#include "core/buf.h"
#include "js/call.h"
#include "js/handler.h"
#include "js/jsloop.h"
#include "core/log.h"
#include "tap.h"

static const struct {
	const char	*name, *src, *want;
} cases[] = {
	{ "then chains interleave, one step per tick",
	    "var p = Promise.resolve();\n"
	    "p.then(function () { log('a1'); }).then(function () { log('a2'); }).then(function () { log('a3'); });\n"
	    "p.then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); });\n"
	    "log('sync');\n",
	    "sync a1 b1 a2 b2 a3 b3 | => undefined" },
	{ "executor runs synchronously, then callbacks later",
	    "log('before');\n"
	    "var p = new Promise(function (resolve) { log('executor'); resolve('v'); log('after resolve'); });\n"
	    "p.then(function (v) { log('then ' + v); });\n"
	    "log('after');\n"
	    "p\n",
	    "before executor after resolve after then v | => v" },
	{ "resolve with a promise adopts it two ticks later",
	    "var r = Promise.resolve();\n"
	    "new Promise(function (res) { res(r); }).then(function () { log('adopted'); });\n"
	    "r.then(function () { log('t1'); }).then(function () { log('t2'); }).then(function () { log('t3'); });\n",
	    "t1 t2 adopted t3 | => undefined" },
	{ "thenables: then is called in a job, exceptions reject",
	    "var thenable = { then: function (f) { log('then called'); f('x'); } };\n"
	    "Promise.resolve(thenable).then(function (v) { log('thenable ' + v); });\n"
	    "var bad = { then: function () { throw new Error('boom'); } };\n"
	    "Promise.resolve(bad).catch(function (e) { log('bad ' + e.message); });\n"
	    "var twice = { then: function (f, r) { f(1); r(2); f(3); } };\n"
	    "Promise.resolve(twice).then(function (v) { log('twice ' + v); });\n"
	    "Promise.resolve().then(function () { log('tick1'); }).then(function () { log('tick2'); });\n"
	    "log('sync');\n",
	    "sync then called tick1 thenable x bad boom twice 1 tick2 | => undefined" },
	{ "resolving a promise with itself rejects with TypeError",
	    "var resolveSelf;\n"
	    "var p = new Promise(function (r) { resolveSelf = r; });\n"
	    "resolveSelf(p);\n"
	    "p.catch(function (e) { log(e.name); });\n"
	    "var q = Promise.resolve().then(function () { return q; });\n"
	    "q.catch(function (e) { log('chained ' + e.name); });\n",
	    "TypeError chained TypeError | => undefined" },
	{ "executor throws: rejection; after resolve: ignored",
	    "new Promise(function () { throw new Error('e1'); }).catch(function (e) { log('caught ' + e.message); });\n"
	    "new Promise(function (r) { r('ok'); throw new Error('ignored'); }).then(function (v) { log('kept ' + v); });\n",
	    "caught e1 kept ok | => undefined" },
	{ "then passes through non-functions",
	    "Promise.resolve(7).then(null).then(undefined, 5).then(function (v) { log('v' + v); });\n"
	    "Promise.reject(8).then(function () { log('no'); }).catch(function (e) { log('e' + e); });\n",
	    "e8 v7 | => undefined" },
	{ "finally passes values and reasons through",
	    "Promise.resolve(1).finally(function () { log('f1 ' + arguments.length); return 99; }).then(function (v) { log('v' + v); });\n"
	    "Promise.reject(new Error('e')).finally(function () { log('f2'); }).catch(function (e) { log('c ' + e.message); });\n"
	    "Promise.resolve(2).finally(function () { throw new Error('boom'); }).catch(function (e) { log('c ' + e.message); });\n"
	    "Promise.resolve(3).finally(function () { return Promise.reject('late'); }).catch(function (e) { log('c ' + e); });\n",
	    "f1 0 f2 c boom v1 c e c late | => undefined" },
	{ "all, race, allSettled, any",
	    "Promise.all([1, Promise.resolve(2), new Promise(function (r) { setTimeout(function () { r(3); }, 50); })]).then(function (v) { log('all ' + v.join()); });\n"
	    "Promise.all([]).then(function (v) { log('empty ' + v.length); });\n"
	    "Promise.all([Promise.reject(new Error('x')), 1]).catch(function (e) { log('allrej ' + e.message); });\n"
	    "Promise.race([new Promise(function (r) { setTimeout(function () { r('slow'); }, 100); }), new Promise(function (r) { setTimeout(function () { r('fast'); }, 2); })]).then(function (v) { log('race ' + v); });\n"
	    "Promise.allSettled([Promise.resolve(1), Promise.reject(2), 3]).then(function (v) { log('settled ' + v.map(function (o) { return o.status + ':' + (o.status === 'fulfilled' ? o.value : o.reason); }).join()); });\n"
	    "Promise.any([Promise.reject(1), Promise.resolve(2)]).then(function (v) { log('any ' + v); });\n"
	    "Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) { log('anyrej ' + e.name + ' ' + e.errors.join()); });\n"
	    "Promise.all(5).catch(function (e) { log('notiterable ' + e.name); });\n"
	    "Promise.race('ab').then(function (v) { log('string ' + v); });\n",
	    "empty 0 notiterable TypeError allrej x settled fulfilled:1,rejected:2,fulfilled:3 any 2 anyrej AggregateError 1,2 string a race fast all 1,2,3 | => undefined" },
	{ "microtasks before immediates before timers",
	    "setTimeout(function () { log('timeout'); }, 0);\n"
	    "setImmediate(function () { log('immediate'); });\n"
	    "Promise.resolve().then(function () { log('micro1'); });\n"
	    "queueMicrotask(function () { log('micro2'); });\n"
	    "log('sync');\n",
	    "sync micro1 micro2 immediate timeout | => undefined" },
	{ "timeouts by delay, then by insertion; arguments passed",
	    "// delays far apart: a loaded machine may pause between two calls\n"
	    "setTimeout(function () { log('a100'); }, 100);\n"
	    "setTimeout(function () { log('b50'); }, 50);\n"
	    "setTimeout(function () { log('c50'); }, 50);\n"
	    "setTimeout(function () { log('d0'); }, 0);\n"
	    "setTimeout(function (x, y) { log('e' + x + y); }, 1, 'x', 'y');\n"
	    "setTimeout(function () { log('f-neg'); }, -7);\n"
	    "setTimeout(function () { log('g-nan'); }, 'soon');\n"
	    "'end'\n",
	    "d0 exy f-neg g-nan b50 c50 a100 | => end" },
	{ "microtasks drain between timers and immediates",
	    "setTimeout(function () {\n"
	    "  log('t1');\n"
	    "  setImmediate(function () { log('i-from-t1'); });\n"
	    "  Promise.resolve().then(function () { log('m-from-t1'); });\n"
	    "}, 2);\n"
	    "setTimeout(function () { log('t2'); }, 3);\n"
	    "setImmediate(function () {\n"
	    "  log('i1');\n"
	    "  queueMicrotask(function () { log('m-from-i1'); });\n"
	    "});\n"
	    "setImmediate(function () { log('i2'); });\n"
	    "var t0 = Date.now();\n"
	    "while (Date.now() - t0 < 10)\n"
	    "  ;\n"
	    "'end'\n",
	    "i1 m-from-i1 i2 t1 m-from-t1 t2 i-from-t1 | => end" },
	{ "clearTimeout and clearImmediate",
	    "var a = setTimeout(function () { log('a'); }, 1);\n"
	    "setTimeout(function () { log('b'); }, 1);\n"
	    "var c = setImmediate(function () { log('c'); });\n"
	    "setImmediate(function () { log('d'); clearTimeout(e); });\n"
	    "var e = setTimeout(function () { log('e'); }, 2);\n"
	    "clearTimeout(a);\n"
	    "clearImmediate(c);\n"
	    "clearTimeout(undefined);\n"
	    "clearTimeout(12345);\n",
	    "d b | => undefined" },
	{ "setInterval repeats until cleared, with its arguments",
	    "var n = 0;\n"
	    "setImmediate(function () { log('immediate'); });\n"
	    "Promise.resolve().then(function () { log('micro'); });\n"
	    "new Promise(function (done) { var id = setInterval(function (a) { n++; log('tick' + n + a); if (n === 3) { clearInterval(id); done(n); } }, 1, '!'); })\n",
	    "micro immediate tick1! tick2! tick3! | => 3" },
	{ "clearTimeout clears an interval, clearInterval a timeout",
	    "var i = setInterval(function () { log('never'); }, 1);\n"
	    "var t = setTimeout(function () { log('never2'); }, 1);\n"
	    "clearTimeout(i);\n"
	    "clearInterval(t);\n"
	    "setTimeout(function () { log('end'); }, 2);\n"
	    "'done'\n",
	    "end | => done" },
	{ "an interval settles the returned promise",
	    "new Promise(function (r) { var k = 0; var id = setInterval(function () { k++; log('k' + k); if (k === 2) { clearInterval(id); r('two'); } }, 2); })\n",
	    "k1 k2 | => two" },
	{ "the returned promise is awaited",
	    "new Promise(function (r) { setTimeout(function () { log('timer'); r('done'); }, 0); })\n",
	    "timer | => done" },
	{ "a rejected returned promise",
	    "Promise.resolve().then(function () { log('step'); throw new Error('nope'); })\n",
	    "step | !! Error: nope" },
	{ "transpiled-style async: generator-free await chain",
	    "function step(v) { log('step ' + v); return new Promise(function (r) { setTimeout(function () { r(v + 1); }, 1); }); }\n"
	    "step(1).then(step).then(step)\n",
	    "step 1 step 2 step 3 | => 4" },
	{ "combinators take arguments and strings; any([]) rejects",
	    "(function () { return Promise.all(arguments); })(1, Promise.resolve(2)).then(function (v) { log('args ' + v.join()); });\n"
	    "Promise.all('xy').then(function (v) { log('chars ' + v.join()); });\n"
	    "Promise.any([]).catch(function (e) { log('any-empty ' + e.name + ' ' + e.errors.length); });\n"
	    "Promise.race([]).then(function () { log('never'); });\n"
	    "Promise.allSettled([]).then(function (v) { log('settled-empty ' + v.length); });\n",
	    "any-empty AggregateError 0 settled-empty 0 args 1,2 chars x,y | => undefined" },
	{ "reactions of several promises run in the order they were queued",
	    "var a = Promise.resolve('a'), b = Promise.reject('b'), c = new Promise(function (r) { r('c'); });\n"
	    "var settleD, d = new Promise(function (r) { settleD = r; });\n"
	    "d.then(function (v) { log('d1 ' + v); });\n"
	    "c.then(function (v) { log('c1 ' + v); });\n"
	    "b.catch(function (v) { log('b1 ' + v); });\n"
	    "a.then(function (v) { log('a1 ' + v); });\n"
	    "d.then(function (v) { log('d2 ' + v); });\n"
	    "settleD('d');\n"
	    "a.then(function (v) { log('a2 ' + v); });\n"
	    "log('sync');\n",
	    "sync c1 c b1 b a1 a d1 d d2 d a2 a | => undefined" },
	{ "adopting a promise whose then is not Promise's calls it in a job",
	    "var q = Promise.resolve('q');\n"
	    "q.then = function (f, r) { log('own then ' + typeof f + ' ' + typeof r + ' ' + f.length); return Promise.prototype.then.call(this, f, r); };\n"
	    "new Promise(function (r) { r(q); }).then(function (v) { log('adopted ' + v); });\n"
	    "Promise.resolve().then(function () { log('j1'); }).then(function () { log('j2'); }).then(function () { log('j3'); });\n"
	    "log('sync');\n",
	    "sync own then function function 1 j1 j2 adopted q j3 | => undefined" },
	{ "adopting a promise reads its constructor once, in the job; a bad one rejects",
	    "var reads = 0, s = Promise.resolve('s');\n"
	    "Object.defineProperty(s, 'constructor', { get: function () { reads++; log('constructor read'); return Promise; } });\n"
	    "new Promise(function (r) { r(s); log('resolved, reads ' + reads); }).then(function (v) { log('s ' + v + ' reads ' + reads); });\n"
	    "var bad = Promise.resolve('x');\n"
	    "bad.constructor = 5;\n"
	    "new Promise(function (r) { r(bad); }).catch(function (e) { log('bad constructor ' + e.name); });\n"
	    "Promise.resolve().then(function () { log('j1'); }).then(function () { log('j2'); }).then(function () { log('j3'); });\n",
	    "resolved, reads 0 constructor read j1 bad constructor TypeError j2 s s reads 1 j3 | => undefined" },
	{ "resolve functions: once only, the first call wins, later ones are ignored",
	    "var res, rej;\n"
	    "var p = new Promise(function (a, b) { res = a; rej = b; });\n"
	    "p.then(function (v) { log('p ' + v); }, function (e) { log('p rejected ' + e); });\n"
	    "res(Promise.resolve('first'));\n"
	    "res('second');\n"
	    "rej('third');\n"
	    "var res2;\n"
	    "var p2 = new Promise(function (a) { res2 = a; a({ then: function (f) { log('thenable'); f('from thenable'); } }); });\n"
	    "p2.then(function (v) { log('p2 ' + v); });\n"
	    "res2('ignored');\n"
	    "[typeof res, res.length, res.name, typeof rej, rej.length].join()\n",
	    "thenable p2 from thenable p first | => function,1,,function,1" },
	{ "then on a settled promise queues at once; on a pending one at settlement",
	    "var r1, p1 = new Promise(function (r) { r1 = r; });\n"
	    "var p2 = Promise.resolve(2);\n"
	    "p1.then(function (v) { log('p1 ' + v); });\n"
	    "p2.then(function (v) { log('p2 ' + v); });\n"
	    "Promise.resolve().then(function () { log('m1'); r1(1); p2.then(function (v) { log('p2 again ' + v); }); });\n"
	    "queueMicrotask(function () { log('qm'); });\n"
	    "log('sync');\n",
	    "sync p2 2 m1 qm p1 1 p2 again 2 | => undefined" },
	{ "a frozen promise still settles and runs its reactions",
	    "var settle, p = Object.freeze(new Promise(function (r) { settle = r; }));\n"
	    "p.then(function (v) { log('then ' + v); });\n"
	    "settle('v');\n"
	    "Object.freeze(Promise.resolve('w')).then(function (v) { log('resolved ' + v); });\n"
	    "p\n",
	    "then v resolved w | => v" },
	{ "a then callback returning a thenable delays the chain",
	    "Promise.resolve().then(function () { log('a1'); return { then: function (f) { log('a-then'); f('av'); } }; }).then(function (v) { log('a2 ' + v); });\n"
	    "Promise.resolve().then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); }).then(function () { log('b4'); });\n",
	    "a1 b1 a-then b2 a2 av b3 b4 | => undefined" },
	{ "errors travel down a chain to the first onRejected; catch recovers",
	    "Promise.resolve(1).then(function () { throw new Error('e1'); }).then(function () { log('skipped'); }).then(null, function (e) { log('r ' + e.message); return 'back'; }).then(function (v) { log('v ' + v); });\n"
	    "Promise.all([{ then: function (f) { f('t'); } }, Promise.resolve('p'), 'c']).then(function (v) { log('all ' + v.join()); });\n"
	    "Promise.resolve(5).finally(7).then(function (v) { log('f ' + v); });\n"
	    "Promise.reject(6).finally().catch(function (e) { log('fr ' + e); });\n",
	    "f 5 fr 6 r e1 all t,p,c v back | => undefined" },
};

/*
 * Cases whose outcome is also which rejections no handler saw: the
 * second table of `node tests/unit/js/jsloop-cases.js`, whose reasons
 * are Node's unhandledRejection events, in order.
 */
static const struct {
	const char	*name, *src, *want;
} rejections[] = {
	{ "a rejection handled in a later job, or by a promise adopting it, is not reported",
	    "var a = Promise.reject(new Error('a'));\n"
	    "Promise.resolve().then(function () { a.catch(function (e) { log('a caught'); }); });\n"
	    "var f = Promise.reject('f');\n"
	    "new Promise(function (r) { r(f); }).catch(function (e) { log('f adopted ' + e); });\n"
	    "new Promise(function (r, j) { j('d'); });\n"
	    "log('sync');\n",
	    "sync a caught f adopted f | unhandled: d" },
	{ "a promise then derives rejects unhandled though its source is handled",
	    "var b = Promise.reject('b');\n"
	    "b.then(function () { log('never'); });\n"
	    "Promise.resolve().then(function () { throw 'e'; });\n"
	    "Promise.reject('g').catch(function (e) { log('g caught'); throw 'g2'; });\n"
	    "Promise.resolve().then(function () { return Promise.reject('adopted'); });\n"
	    "log('sync');\n",
	    "sync g caught | unhandled: b, e, g2, adopted" },
	{ "rejections are reported once each, in the order they happened",
	    "Promise.reject('first');\n"
	    "setTimeout(function () { Promise.reject('in timer'); log('timer'); }, 1);\n"
	    "setImmediate(function () { var p = Promise.reject('immediate'); p.then(null, function () { log('handled at once'); }); Promise.reject('second'); });\n"
	    "for (var i = 0; i < 100; i++) { var p = Promise.reject('r' + i); if (i % 10 !== 3) p.catch(function () {}); }\n",
	    "handled at once timer | unhandled: first, r3, r13, r23, r33, r43, r53, r63, r73, r83, r93, second, in timer" },
};

static struct buf out;
static struct call call;	/* every state's, as a runtime's are */
static char logfile[] = "/tmp/fnpool-jsloop-XXXXXX";

static void
test_log(js_State *J)
{
	if (out.len > 0)
		buf_puts(&out, " ");
	buf_puts(&out, js_tostring(J, 1));
	js_pushundefined(J);
}

static js_State *
state(void)
{
	js_State *J = js_newstate(NULL, NULL, 0);

	if (call.loop == NULL)
		call.loop = jsloop_new(NULL);
	js_setcontext(J, &call);
	if (jsloop_install(J) != 0)
		return NULL;
	js_newcfunction(J, test_log, "log", 1);
	js_setglobal(J, "log");
	return J;
}

/*
 * Runs module (may be NULL) as module code, then src as the handler of
 * request "req-1"; returns the log, "|" and the outcome.  *what gets
 * handler_call's reason on failure.
 */
static const char *
run2(const char *module, const char *src, const char **what)
{
	js_State *J = state();
	const char *w = "";
	int rc;

	buf_reset(&out);
	if (J == NULL)
		return "(no state)";
	if (module != NULL && js_dostring(J, module) != 0)
		return "(module failed)";
	if (js_ploadstring(J, "case.js", src) != 0) {
		js_freestate(J);
		return "(syntax error)";
	}
	js_pushundefined(J);
	rc = handler_call(J, 0, "case.js", "req-1", &w);
	buf_puts(&out, rc == 0 ? " | => " : " | !! ");
	buf_puts(&out, js_trystring(J, -1, "(cannot print)"));
	js_pop(J, 1);
	if (js_gettop(J) != 0)
		buf_puts(&out, " (stack not balanced)");
	js_freestate(J);
	if (what != NULL)
		*what = w;
	return buf_cstr(&out);
}

static const char *
run(const char *src)
{
	return run2(NULL, src, NULL);
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Does the log file contain s? */
static int
logged(const char *s)
{
	char line[4096];
	FILE *fp = fopen(logfile, "r");
	int found = 0;

	if (fp == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = strstr(line, s) != NULL;
	fclose(fp);
	return found;
}

static void
test_orders(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(run(cases[i].src), cases[i].want, cases[i].name);
}

static void
test_api(void)
{
	is_str(run("var r = []; try { Promise(function () {}); } catch (e) "
	    "{ r.push(e.name); } try { new Promise(5); } catch (e) "
	    "{ r.push(e.name); } try { Promise.prototype.then.call({}, "
	    "function () {}); } catch (e) { r.push(e.name); } try { "
	    "Promise.call(Object.create(Promise.prototype), function () "
	    "{}); } catch (e) { r.push(e.name); } r.join()"),
	    " | => TypeError,TypeError,TypeError,TypeError",
	    "Promise without new, without executor, then on a non-promise, "
	    "Promise called on an object");
	/* Node 20's answers */
	is_str(run("var p = Promise.resolve(1); [Object.prototype.toString."
	    "call(p), Object.getOwnPropertyNames(p).length, "
	    "Object.getOwnPropertyNames(Promise.prototype).sort().join(' ')]"
	    ".join()"),
	    " | => [object Promise],0,catch constructor finally then",
	    "a promise's class and own names, the prototype's methods");
	is_str(run("var p = Promise.resolve(1); [typeof Promise, "
	    "Promise.length, Object.keys(p).length, JSON.stringify(p), "
	    "Promise.resolve(p) === p, p instanceof Promise, "
	    "Object.keys(Promise.prototype).length].join()"),
	    " | => function,1,0,{},true,true,0",
	    "promises show no own enumerable state; resolve(p) is p");
	is_str(run("var e = new AggregateError([1, 2], 'm'); [e instanceof "
	    "Error, e.name, e.message, e.errors.length, String(e)].join()"),
	    " | => true,AggregateError,m,2,AggregateError: m", "AggregateError");
	is_str(run("[typeof queueMicrotask, typeof setTimeout, typeof "
	    "clearTimeout, typeof setImmediate, typeof clearImmediate, "
	    "Object.keys(this).join()].join()"),
	    " | => function,function,function,function,function,log",
	    "timer globals exist and are not enumerable");
	is_str(run("var r = []; try { setTimeout('code', 1); } catch (e) "
	    "{ r.push(e.name); } try { queueMicrotask(1); } catch (e) "
	    "{ r.push(e.name); } r.join()"), " | => TypeError,TypeError",
	    "a callback that is not a function is a TypeError");
}

static void
test_timing(void)
{
	struct timespec t0;
	const char *r;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = run("new Promise(function (ok) { setTimeout(ok, 60, 'slept'); })");
	ms = ms_since(&t0);
	is_str(r, " | => slept", "a promise settled by a timer");
	ok(ms >= 60 && ms < 1000, "the loop sleeps until the timer is due "
	    "(%.1f ms for 60)", ms);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = run("setTimeout(function () { log('late'); }, 40); 'now'");
	ms = ms_since(&t0);
	is_str(r, "late | => now", "timers set by a synchronous handler "
	    "run before it answers");
	ok(ms >= 40, "and it waits for them (%.1f ms for 40)", ms);
}

static void
test_failures(void)
{
	const char *what;

	is_str(run2(NULL, "new Promise(function () {})", &what),
	    " | !! Error: the handler's promise never settled, and no timer "
	    "or callback was left to settle it", "a promise that never settles");
	is_str(what, "never settled", "  is said so");

	is_str(run2(NULL, "setTimeout(function () { log('never'); }, 50); "
	    "setTimeout(function () { throw new TypeError('in timer'); }, 1); "
	    "'value'", &what), " | !! TypeError: in timer",
	    "a timer that throws fails the request");
	is_str(what, "a setTimeout callback threw", "  and says where");
	ok(logged("case.js: request req-1 ended with 1 timer pending: dropped"),
	    "  the timers left are dropped with a log line");

	is_str(run2(NULL, "queueMicrotask(function () { throw 'q'; }); 1",
	    &what), " | !! q", "a microtask that throws fails the request");
	is_str(what, "a queueMicrotask callback threw", "  and says where");
	is_str(run2(NULL, "queueMicrotask(function () { Promise.resolve()."
	    "then(function () {}); queueMicrotask(function () {}); "
	    "Promise.reject(2).catch(function () {}); queueMicrotask("
	    "function () {}); throw 'q'; }); 1",
	    &what), " | !! q", "a microtask that throws once it queued others");
	ok(logged("case.js: request req-1 ended with 4 microtasks pending: "
	    "dropped"), "  the jobs it queued, reactions and microtasks, are "
	    "counted and dropped");

	is_str(run2(NULL, "throw new Error('sync')", &what),
	    " | !! Error: sync", "a synchronous throw is still a throw");
	is_str(what, "threw", "  and says so");

	is_str(run2(NULL, "({ get then() { throw new Error('getter'); } })",
	    &what), " | !! Error: getter", "a then getter that throws");

	is_str(run2(NULL, "({ then: function (f, r) { "
	    "setTimeout(r, 1, new RangeError('foreign')); } })", &what),
	    " | !! RangeError: foreign", "a foreign thenable that rejects");
	is_str(what, "rejected", "  is a rejection");
}

static void
test_module_code(void)
{
	is_str(run2("setTimeout(function () { log('module timer'); }, 0); "
	    "Promise.resolve().then(function () { log('module job'); });",
	    "log('handler'); 1", NULL), "module job handler | => 1",
	    "module jobs run before the first request; module timers do not");
	ok(logged("setTimeout outside a request (module code or init) is "
	    "dropped"), "  the dropped timer is logged");
	ok(logged("(at [string]:1)"), "  with where it was set");
}

static void
test_lazy_promise(void)
{
	is_str(run("Promise = 5; AggregateError = 'mine'; [typeof Promise, "
	    "AggregateError].join()"), " | => number,mine",
	    "assigning Promise before using it replaces ours");
	is_str(run("var P = Promise; Promise = function () {}; "
	    "({ then: function (f) { P.resolve('inner').then(f); } })"),
	    " | => inner", "a replaced global Promise does not stop awaiting");
}

static void
test_after_end(void)
{
	js_State *J = state();
	const char *w;

	js_dostring(J, "var p = Promise.resolve(1);");
	js_ploadstring(J, "end.js", "'ok'");
	js_pushundefined(J);
	is_int(handler_call(J, 0, "end.js", "req-2", &w), 0,
	    "a handler whose loop has ended");
	js_pop(J, 1);
	js_dostring(J, "setTimeout(function () { log('late timer'); }, 0); "
	    "p.then(function () { log('late job'); });");
	ok(logged("end.js: setTimeout after the response of request req-2 "
	    "was made is dropped"), "  a later timer is dropped with a log line");
	ok(logged("end.js: a promise reaction after the response of request "
	    "req-2 was made is dropped"), "  and so is a later promise job");
	js_freestate(J);
}

/*
 * Appends to b the reasons logged as unhandled rejections of request
 * req-1 from offset on in the log file, joined by ", ", their traces
 * left out.
 */
static void
unhandled_since(long offset, struct buf *b)
{
	static const char mark[] = "unhandled promise rejection (request "
	    "req-1): ";
	char line[4096], *at, *end, *trace;
	FILE *fp = fopen(logfile, "r");
	int n = 0;

	if (fp == NULL || fseek(fp, offset, SEEK_SET) == -1) {
		buf_puts(b, "(cannot read the log)");
		if (fp != NULL)
			fclose(fp);
		return;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if ((at = strstr(line, mark)) == NULL)
			continue;
		at += sizeof(mark) - 1;
		end = at + strcspn(at, "\n");
		if ((trace = strstr(at, "  at ")) != NULL && trace < end)
			end = trace;
		buf_puts(b, n++ > 0 ? ", " : "");
		buf_append(b, at, (size_t)(end - at));
	}
	fclose(fp);
}

static long
log_size(void)
{
	struct stat st;

	return stat(logfile, &st) == 0 ? (long)st.st_size : 0;
}

static void
test_unhandled(void)
{
	struct buf got;
	const char *r, *bar;
	size_t i;
	long at;

	buf_init(&got);
	for (i = 0; i < sizeof(rejections) / sizeof(rejections[0]); i++) {
		at = log_size();
		r = run(rejections[i].src);
		buf_reset(&got);
		bar = strstr(r, " | ");
		buf_append(&got, r, bar != NULL ? (size_t)(bar - r) : strlen(r));
		buf_puts(&got, " | unhandled: ");
		unhandled_since(at, &got);
		is_str(buf_cstr(&got), rejections[i].want, rejections[i].name);
	}
	buf_free(&got);

	run("Promise.reject(new Error('nobody listens')); "
	    "var p = Promise.reject(new Error('handled later')); "
	    "setTimeout(function () { p.catch(function () {}); }, 1); 0");
	ok(logged("case.js: unhandled promise rejection (request req-1): "
	    "Error: nobody listens"), "an unhandled rejection is logged with "
	    "the request id");
	ok(!logged("handled later"), "one handled before the end is not");
}

/* ---- setInterval at a request's end ------------------------------------ */

static void
test_intervals(void)
{
	struct timespec t0;
	const char *r, *what;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = run("setInterval(function () { log('tick'); }, 10000); 'now'");
	ms = ms_since(&t0);
	is_str(r, " | => now", "an interval does not hold a settled handler");
	ok(ms < 1000, "  the response comes at once (%.1f ms)", ms);
	ok(logged("case.js: request req-1 ended with 1 setInterval running: "
	    "cleared"), "  the interval is cleared with a log line");

	is_str(run("var n = 0; setInterval(function () { n++; }, 1); "
	    "setTimeout(function () { log(n >= 2 ? 'ran' : 'only ' + n); }, 20); "
	    "'v'"), "ran | => v", "an interval runs while a timeout holds the "
	    "request");

	is_str(run2(NULL, "setInterval(function () { throw new Error('iv'); }, "
	    "1); setTimeout(function () {}, 50); 0", &what), " | !! Error: iv", "an interval that throws fails "
	    "the request");
	is_str(what, "a setInterval callback threw", "  and says where");

	is_str(run2("setInterval(function () { log('module'); }, 1);",
	    "'h'", NULL), " | => h", "module code's interval never runs");
	ok(logged("setInterval outside a request (module code or init) is "
	    "dropped"), "  and is logged as dropped");

	is_str(run("[typeof setInterval, setInterval.length, typeof "
	    "clearInterval, typeof setInterval(function () {}, 1)].join()"),
	    " | => function,2,function,number", "setInterval's shape");
	is_str(run("var r = []; try { setInterval(5, 1); } catch (e) "
	    "{ r.push(e.name + ': ' + e.message); } r.join()"),
	    " | => TypeError: setInterval: the callback must be a function",
	    "a callback that is not a function");
}

/* ---- ctx.waitUntil ------------------------------------------------------ */

/*
 * Runs src as handler_call does for request "req-bg" with waitUntil as a
 * global; returns "log | outcome" as it was when handler_call returned
 * and, after jsloop_finish, "log" in *after (its buffer is static).
 * *resp_ms and *total_ms get the times of both.
 */
static const char *
run_bg(const char *src, const char **after, double *resp_ms,
    double *total_ms)
{
	static struct buf first;
	struct timespec t0;
	js_State *J = state();
	const char *w;
	int rc;

	buf_reset(&out);
	js_newcfunction(J, jsloop_waituntil, "waitUntil", 1);
	js_setglobal(J, "waitUntil");
	if (js_ploadstring(J, "bg.js", src) != 0) {
		js_freestate(J);
		return "(syntax error)";
	}
	js_pushundefined(J);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = handler_call(J, 0, "bg.js", "req-bg", &w);
	*resp_ms = ms_since(&t0);
	buf_puts(&out, rc == 0 ? " | => " : " | !! ");
	buf_puts(&out, js_trystring(J, -1, "(cannot print)"));
	js_pop(J, 1);
	buf_reset(&first);
	buf_puts(&first, buf_cstr(&out));
	buf_reset(&out);
	if (jsloop_waiting(call.loop))
		jsloop_finish(J);
	else
		buf_puts(&out, "(nothing waited)");
	*total_ms = ms_since(&t0);
	if (js_gettop(J) != 0)
		buf_puts(&out, " (stack not balanced)");
	*after = buf_cstr(&out);
	js_freestate(J);
	return buf_cstr(&first);
}

static void
test_waituntil(void)
{
	const char *r, *after;
	double resp, total;

	r = run_bg("waitUntil(new Promise(function (ok) { setTimeout(function "
	    "() { log('bg'); ok(); }, 150); })); log('handler'); 'resp'",
	    &after, &resp, &total);
	is_str(r, "handler | => resp", "waitUntil: the handler's value first");
	ok(resp < 100, "  without waiting for the work (%.1f ms)", resp);
	is_str(after, "bg", "  the work runs after it");
	ok(total >= 150, "  to its end (%.1f ms for 150)", total);

	r = run_bg("var p = new Promise(function (ok) { setTimeout(ok, 20, "
	    "'async'); }); waitUntil(new Promise(function (ok) { setTimeout("
	    "function () { log('bg'); ok(); }, 120); })); p", &after, &resp,
	    &total);
	is_str(r, " | => async", "an async handler's value is awaited first");
	ok(resp >= 20 && resp < 110, "  and the response goes when it settles "
	    "(%.1f ms)", resp);
	is_str(after, "bg", "  then the work ends");

	r = run_bg("waitUntil(Promise.reject(new Error('bg failed'))); "
	    "waitUntil(new Promise(function (ok) { setTimeout(ok, 5); })); 1",
	    &after, &resp, &total);
	is_str(r, " | => 1", "a rejected waitUntil promise leaves the "
	    "response alone");
	ok(logged("bg.js: a ctx.waitUntil promise rejected (request req-bg): "
	    "Error: bg failed"), "  it is logged with the request id");
	ok(!logged("unhandled promise rejection (request req-bg)"),
	    "  once, not as unhandled too");

	r = run_bg("var n = 0; setInterval(function () { n++; }, 2); "
	    "waitUntil(new Promise(function (ok) { setTimeout(function () { "
	    "log(n >= 3 ? 'ticked' : 'only ' + n); ok(); }, 30); })); 2",
	    &after, &resp, &total);
	is_str(after, "ticked", "an interval runs during waitUntil work");
	ok(logged("bg.js: request req-bg ended with 1 setInterval running: "
	    "cleared"), "  and is cleared when the work is done");

	r = run_bg("waitUntil(new Promise(function () {})); 3", &after, &resp,
	    &total);
	is_str(after, "", "a waitUntil promise nothing can settle");
	ok(logged("bg.js: request req-bg ended with 1 ctx.waitUntil promise "
	    "unsettled"), "  ends the work with a log line");

	r = run_bg("waitUntil(new Promise(function (ok) { setTimeout(function "
	    "() { log('a'); waitUntil(new Promise(function (ok2) { "
	    "setTimeout(function () { log('b'); ok2(); }, 5); })); ok(); }, "
	    "5); })); 4", &after, &resp, &total);
	is_str(after, "a b", "waitUntil work may hand over more work");

	r = run_bg("setTimeout(function () { throw new Error('late'); }, 5); "
	    "waitUntil(new Promise(function (ok) { setTimeout(ok, 10); })); 5",
	    &after, &resp, &total);
	is_str(r, " | => 5", "a timer that throws after the response");
	ok(logged("bg.js: background work of request req-bg ended: a "
	    "setTimeout callback threw: Error: late"), "  is logged");

	r = run_bg("var r = []; try { waitUntil(5); } catch (e) { r.push(e."
	    "message); } try { waitUntil(function () {}); } catch (e) { "
	    "r.push(e.name + ': ' + e.message); } r.join('; ')", &after, &resp,
	    &total);
	is_str(r, " | => ctx.waitUntil: the argument must be a promise; "
	    "TypeError: ctx.waitUntil: the argument must be a promise (call "
	    "the async function: ctx.waitUntil(work()))",
	    "waitUntil takes only a promise, and says how to pass one");
	is_str(after, "(nothing waited)", "  and waits for nothing then");

	r = run_bg("var t = { then: function (f) { setTimeout(function () { "
	    "log('thenable'); f(); }, 5); } }; waitUntil(t); 6", &after, &resp,
	    &total);
	is_str(after, "thenable", "a thenable is waited for as a promise");
}

static void
test_waituntil_after_end(void)
{
	js_State *J = state();
	const char *w;

	js_newcfunction(J, jsloop_waituntil, "waitUntil", 1);
	js_setglobal(J, "waitUntil");
	js_ploadstring(J, "end.js", "'ok'");
	js_pushundefined(J);
	is_int(handler_call(J, 0, "end.js", "req-3", &w), 0, "a request ends");
	js_pop(J, 1);
	is_int(jsloop_waiting(call.loop), 0, "  with nothing waited for");
	is_int(js_dostring(J, "try { waitUntil(Promise.resolve()); } catch "
	    "(e) { log(e.message); }"), 0, "waitUntil after the end");
	ok(strstr(buf_cstr(&out), "ctx.waitUntil: request req-3 has ended")
	    != NULL, "  throws an error saying so");
	js_freestate(J);
}

/* ---- an I/O source (fetch's, in js/builtin/fetch_curl.c) ---------------- */

static struct {
	int		 pending;	/* one operation in flight */
	int64_t		 at;		/* when it completes, monotonic ms */
	int		 waits, ends;
	int64_t		 first_due;	/* the due time of the first wait */
	int		 max_also;	/* the most descriptors lent to it */
} fio;

static int64_t
mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
fio_busy(const struct jsloop *L)
{
	(void)L;
	return fio.pending;
}

/* Sleeps until the operation completes or due, then calls iodone(). */
static int
fio_wait(js_State *J, int64_t due, const struct pollfd *also, int nalso)
{
	int64_t until = fio.at < due ? fio.at : due;
	struct pollfd pfd[4];

	if (fio.waits++ == 0)
		fio.first_due = due;
	if (nalso > fio.max_also)
		fio.max_also = nalso;
	memcpy(pfd, also, (size_t)(nalso < 4 ? nalso : 4) * sizeof(*pfd));
	if (until > mono_ms())	/* as curl_multi_poll watches extra fds */
		(void)poll(pfd, (nfds_t)(nalso < 4 ? nalso : 4),
		    (int)(until - mono_ms()));
	if (mono_ms() < fio.at)
		return 0;
	fio.pending = 0;
	js_getglobal(J, "iodone");
	js_pushundefined(J);
	if (js_pcall(J, 0) != 0)
		return -1;
	js_pop(J, 1);
	return 0;
}

static void
fio_end(js_State *J)
{
	(void)J;
	fio.ends++;
}

static const struct jsloop_io fio_ops = {
	.busy = fio_busy, .wait = fio_wait, .end = fio_end,
	.what = "an io callback threw",
};

/* startio(ms): an operation that completes ms from now (iodone()). */
static void
test_startio(js_State *J)
{
	fio.pending = 1;
	fio.at = mono_ms() + js_tointeger(J, 1);
	jsloop_io(J, &fio_ops);
	js_pushundefined(J);
}

static void
test_io(void)
{
	const char *src =
	    "var ticks = 0, seen = 0;\n"
	    "function tick() { ticks++; if (ticks < 100) setTimeout(tick, 10); }\n"
	    "setTimeout(tick, 10);\n"
	    "new Promise(function (ok) {\n"
	    "  iodone = function () { seen = ticks; ticks = 100; ok('io done'); };\n"
	    "  startio(120);\n"
	    "});\n";
	struct timespec t0;
	js_State *J;
	const char *r;
	double ms;
	int rc;

	memset(&fio, 0, sizeof(fio));
	J = state();
	js_newcfunction(J, test_startio, "startio", 1);
	js_setglobal(J, "startio");
	buf_reset(&out);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	js_ploadstring(J, "io.js", src);
	js_pushundefined(J);
	rc = handler_call(J, 0, "io.js", "req-io", &r);
	ms = ms_since(&t0);
	is_str(rc == 0 ? js_tostring(J, -1) : "(failed)", "io done",
	    "a promise settled by I/O: the loop waits on the source");
	js_pop(J, 1);
	ok(ms >= 110 && ms < 1000, "  until it completes (%.1f ms for 120)", ms);
	ok(fio.waits >= 5, "  in several waits, each until the next timer "
	    "(%d waits)", fio.waits);
	ok(fio.first_due != INT64_MAX && fio.first_due <= mono_ms(),
	    "  the first one with a timer's due time");
	js_getglobal(J, "seen");
	ok(js_tointeger(J, -1) >= 8, "  a 10 ms timer kept firing meanwhile "
	    "(%d times)", js_tointeger(J, -1));
	js_pop(J, 1);
	is_int(fio.ends, 1, "  and jsloop_end ended the source's request");

	fio.pending = 0;
	is_str(run("1"), " | => 1", "an idle source does not hold a request");
	is_int(fio.ends, 2, "  but hears that it ended");
	js_freestate(J);
}

/*
 * A second source, with a descriptor to lend (as fnpool:db's): a timerfd
 * that becomes readable ms after startpio(ms).  It never waits itself
 * while fio is busy: fio's wait watches its descriptor.
 */
static struct {
	int	 fd;
	int	 pending, waits_blocking;
	int	 delivered;
} pio;

static int
pio_busy(const struct jsloop *L)
{
	(void)L;
	return pio.pending;
}

static int
pio_fds(struct pollfd *pfd, int max)
{
	if (max < 1)
		return 0;
	pfd[0].fd = pio.fd;
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	return 1;
}

static int
pio_wait(js_State *J, int64_t due, const struct pollfd *also, int nalso)
{
	struct pollfd pfd;
	uint64_t n;

	(void)also;
	(void)nalso;
	if (due > mono_ms())
		pio.waits_blocking++;
	pfd.fd = pio.fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, due > mono_ms() ? (int)(due - mono_ms()) : 0) != 1 ||
	    read(pio.fd, &n, sizeof(n)) != sizeof(n))
		return 0;
	pio.pending = 0;
	js_getglobal(J, "piodone");
	js_pushundefined(J);
	if (js_pcall(J, 0) != 0)
		return -1;
	js_pop(J, 1);
	return 0;
}

static void
pio_end(js_State *J)
{
	(void)J;
}

/* The worker's side (max_concurrent above 1): ready once its timer fired. */
static int
pio_next(js_State **J, const struct jsloop **L, void **token)
{
	struct pollfd pfd;

	pfd.fd = pio.fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (!pio.pending || poll(&pfd, 1, 0) != 1)
		return 0;
	*J = NULL;
	*L = NULL;
	*token = &pio;
	return 1;
}

static int
pio_deliver(void *token)
{
	uint64_t n;

	if (token != &pio || read(pio.fd, &n, sizeof(n)) != sizeof(n))
		return -1;
	pio.pending = 0;
	pio.delivered++;
	return 0;
}

static const struct jsloop_io pio_ops = {
	.busy = pio_busy, .wait = pio_wait, .end = pio_end, .fds = pio_fds,
	.next = pio_next, .deliver = pio_deliver,
	.what = "a pio callback threw",
};

static void
test_startpio(js_State *J)
{
	struct itimerspec its;
	long ms = js_tointeger(J, 1);

	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = ms / 1000;
	its.it_value.tv_nsec = ms % 1000 * 1000000;
	timerfd_settime(pio.fd, 0, &its, NULL);
	pio.pending = 1;
	jsloop_io(J, &pio_ops);
	js_pushundefined(J);
}

static void
test_two_sources(void)
{
	const char *src =
	    "var t0 = Date.now(), order = [];\n"
	    "Promise.all([\n"
	    "  new Promise(function (ok) {\n"
	    "    iodone = function () { order.push('io'); ok(); };\n"
	    "    startio(300);\n"
	    "  }),\n"
	    "  new Promise(function (ok) {\n"
	    "    piodone = function () { order.push('pio ' + (Date.now() - t0 < 250)); ok(); };\n"
	    "    startpio(60);\n"
	    "  })\n"
	    "]).then(function () { return order.join(', '); });\n";
	js_State *J;
	const char *r;
	int rc;

	memset(&fio, 0, sizeof(fio));
	memset(&pio, 0, sizeof(pio));
	if ((pio.fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC)) == -1) {
		ok(0, "timerfd_create");
		return;
	}
	J = state();
	js_newcfunction(J, test_startio, "startio", 1);
	js_setglobal(J, "startio");
	js_newcfunction(J, test_startpio, "startpio", 1);
	js_setglobal(J, "startpio");
	js_ploadstring(J, "two.js", src);
	js_pushundefined(J);
	rc = handler_call(J, 0, "two.js", "req-two", &r);
	is_str(rc == 0 ? js_tostring(J, -1) : "(failed)", "pio true, io",
	    "two I/O sources: the one with a descriptor completes first, "
	    "while the other waits");
	js_pop(J, 1);
	is_int(fio.max_also, 1, "  the waiting source watched the other's "
	    "descriptor");
	is_int(pio.waits_blocking, 0, "  and the other never blocked the loop");
	close(pio.fd);
	js_freestate(J);
}

static void
pio_arm(long ms)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = ms / 1000;
	its.it_value.tv_nsec = ms % 1000 * 1000000;
	timerfd_settime(pio.fd, 0, &its, NULL);
	pio.pending = 1;
}

/*
 * The worker's wait with max_concurrent above 1: jsloop_poll watches
 * every busy source's descriptors with the worker's own, and jsloop_next
 * hands over what is ready, with the source that delivers it.
 */
static void
test_worker_wait(void)
{
	const struct jsloop_io *src = NULL;
	const struct jsloop *L;
	struct timespec t0;
	js_State *J, *J2;
	void *token = NULL;
	int p[2], rc;
	double ms;

	memset(&fio, 0, sizeof(fio));
	memset(&pio, 0, sizeof(pio));
	if ((pio.fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC)) == -1 ||
	    pipe(p) == -1) {
		ok(0, "timerfd_create, pipe");
		return;
	}
	J = state();
	jsloop_io(J, &pio_ops);
	ok(!jsloop_live(), "no source busy: the worker waits on its own");
	pio_arm(50);
	ok(jsloop_live(), "a source with work in flight: the worker waits on it "
	    "too");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = jsloop_poll(p[0], mono_ms() + 2000);
	ms = ms_since(&t0);
	is_int(rc, 0, "jsloop_poll: the source's descriptor woke it, not the "
	    "worker's");
	ok(ms >= 40 && ms < 1000, "  when it became ready (%.1f ms for 50), "
	    "not at due", ms);
	ok(jsloop_next(&J2, &L, &token, &src) == 1 && src == &pio_ops &&
	    token == &pio, "jsloop_next hands over its operation and the "
	    "source that delivers it");
	is_int(src != NULL ? src->deliver(token) : -1, 0, "  which delivers it");
	is_int(pio.delivered, 1, "  once");
	ok(jsloop_next(&J2, &L, &token, &src) == 0, "then nothing is left");
	ok(!jsloop_live(), "  and nothing is in flight");

	pio.pending = 1;	/* busy, its timer not armed */
	if (write(p[1], "x", 1) != 1)
		ok(0, "write");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = jsloop_poll(p[0], mono_ms() + 2000);
	ms = ms_since(&t0);
	ok(rc == 1 && ms < 500, "the worker's own descriptor wakes it while a "
	    "source waits (%.1f ms)", ms);
	ok(jsloop_next(&J2, &L, &token, &src) == 0, "  and the source has "
	    "nothing yet");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	(void)read(p[0], &rc, 1);
	rc = jsloop_poll(p[0], mono_ms() + 60);
	ms = ms_since(&t0);
	ok(rc == 0 && ms >= 50 && ms < 1000, "with nothing ready, it returns at "
	    "due (%.1f ms for 60)", ms);
	pio.pending = 0;
	close(p[0]);
	close(p[1]);
	close(pio.fd);
	js_freestate(J);
}

/* One turn of the loop of request L on J, with L the call's. */
static int
turn_of(js_State *J, struct jsloop *L, int64_t *due)
{
	const char *what = "";

	call.loop = L;
	return jsloop_turn(J, &what, due);
}

/*
 * max_concurrent: two requests on one state, each with its own loop,
 * driven by turns as worker/inflight.c does: the later one's shorter
 * timer fires first, each request's value is its own, and the end of
 * one leaves the other's timers alone.
 */
static void
test_two_requests(void)
{
	struct jsloop *one = call.loop, *la = jsloop_new(NULL),
	    *lb = jsloop_new(NULL);
	const char *what = "";
	js_State *J = state();
	int64_t due, da, db;
	int ra, rb, doneb = 0, rc, spins = 0;
	struct timespec ts;

	buf_reset(&out);
	js_dostring(J, "function h(name, ms) { return new Promise(function (r) "
	    "{ setTimeout(function () { log(name); r('value ' + name); }, ms); "
	    "}); }");
	call.loop = la;
	js_getglobal(J, "h");
	js_pushundefined(J);
	js_pushstring(J, "a");
	js_pushnumber(J, 60);
	ra = handler_start(J, 2, "case.js", "req-a", &what);
	call.loop = lb;
	js_getglobal(J, "h");
	js_pushundefined(J);
	js_pushstring(J, "b");
	js_pushnumber(J, 10);
	rb = handler_start(J, 2, "case.js", "req-b", &what);
	is_int(ra * 10 + rb, 11, "two requests awaiting on one state");
	is_int(js_gettop(J), 0, "  nothing of theirs on the stack");
	for (;;) {
		if (turn_of(J, la, &da) == 1)
			break;
		if (!doneb && turn_of(J, lb, &db) == 1) {
			doneb = 1;
			rc = handler_settle(J, rb, 0, &what);
			is_str(rc == 0 ? js_tostring(J, -1) : "(failed)",
			    "value b", "  the later one, with the shorter timer, "
			    "settles first, with its own value");
			js_pop(J, 1);
			is_str(buf_cstr(&out), "b", "  its timer ran, not the "
			    "other's");
			continue;
		}
		due = doneb ? da : da < db ? da : db;
		ts.tv_sec = due / 1000;
		ts.tv_nsec = due % 1000 * 1000000;
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		if (++spins > 1000)
			break;
	}
	call.loop = la;
	rc = handler_settle(J, ra, 0, &what);
	is_str(rc == 0 ? js_tostring(J, -1) : "(failed)", "value a",
	    "  the first one settles after the end of the second, with its "
	    "own value");
	js_pop(J, 1);
	is_str(buf_cstr(&out), "b a", "  its timer outlived the other's end");
	js_freestate(J);
	jsloop_free(la);
	jsloop_free(lb);
	call.loop = one;
}

int
main(void)
{
	int fd;

	if ((fd = mkstemp(logfile)) == -1)
		return 99;
	if (log_open(logfile, LOG_LEVEL_INFO) == -1)
		return 99;
	buf_init(&out);
	test_orders();
	test_api();
	test_timing();
	test_failures();
	test_module_code();
	test_lazy_promise();
	test_after_end();
	test_unhandled();
	test_intervals();
	test_waituntil();
	test_waituntil_after_end();
	test_io();
	test_two_sources();
	test_worker_wait();
	test_two_requests();
	buf_free(&out);
	unlink(logfile);
	return tap_done();
}
