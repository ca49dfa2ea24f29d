/* Unit tests for scoreboard.c: slots, worker updates seen across fork. */
#include <sys/wait.h>

#include <string.h>
#include <unistd.h>

#include "shm/scoreboard.h"
#include "tap.h"

int
main(void)
{
	struct sb_slot s;
	int a, b, status;
	pid_t pid;

	ok(scoreboard_init() == 0, "the shared area maps");
	a = scoreboard_claim("www", 3, -1);
	b = scoreboard_claim("api", 3, -1);
	ok(a >= 0 && b >= 0 && a != b, "two claims get two slots");
	scoreboard_read(a, &s);
	is_int(s.state, SB_STARTING, "a claimed slot is starting");
	is_str(s.pool, "www", "with its pool");
	is_int(s.generation, 3, "and generation");
	ok(s.seq % 2 == 0, "the sequence is even between updates");

	/* A forked worker's updates are seen by the parent. */
	pid = fork();
	if (pid == 0) {
		scoreboard_attach(a);
		scoreboard_idle();
		scoreboard_busy("0123456789abcdef0123456789abcdef",
		    "/api/users?id=3");
		scoreboard_function("api/users.js");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	scoreboard_set_pid(a, pid);
	scoreboard_read(a, &s);
	is_int(s.state, SB_BUSY, "the worker's busy state is shared");
	is_str(s.uri, "/api/users", "the URI is kept, query cut");
	is_str(s.function, "api/users.js", "the function is the routed file");
	is_str(s.request_id, "0123456789abcdef0123456789abcdef", "request id");
	ok(s.request_ms > 0 && s.request_ms <= monotonic_ms(),
	    "request start is a monotonic time in the past");
	is_int(s.pid, pid, "the master's pid for the slot");

	scoreboard_attach(a);
	scoreboard_idle();
	scoreboard_read(a, &s);
	is_int(s.state, SB_IDLE, "idle after the request");
	is_int(s.requests, 1, "one request counted");
	is_int(s.request_ms, 0, "no current request");
	ok(scoreboard_update_rss() > 0, "RSS is read from /proc");
	scoreboard_read(a, &s);
	ok(s.rss > 0, "and stored in the slot");

	/* A worker killed in the middle of an update. */
	scoreboard_slot(a)->seq |= 1;
	scoreboard_read(a, &s);
	ok(1, "reading a slot left odd by a dead writer returns");
	scoreboard_release(a);
	scoreboard_read(a, &s);
	ok(s.seq % 2 == 0, "the master's next update makes it even again");
	is_int(s.state, SB_FREE, "a released slot is free");
	ok(scoreboard_claim("www", 4, -1) == a, "and is claimed again first");

	scoreboard_attach(-1);
	scoreboard_busy("x", "/y");	/* no slot: must not crash */
	ok(1, "updates without a slot are no-ops");
	return tap_done();
}
