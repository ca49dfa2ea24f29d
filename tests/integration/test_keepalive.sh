#!/bin/bash
# FastCGI connections kept open (nginx's fastcgi_keep_conn): neither idle
# nor busy kept connections may keep a worker from new ones.
#
# One worker, driven by fcgi_client, which holds connections open as nginx
# does.  Every request runs counter.js, whose `calls` counts the requests
# the worker has served, so the order in which the worker served them is
# read from the answers: nothing here depends on timing.
. "$(dirname "$0")/lib.sh"

need_fcgi_client
one_pool ka "$FIXTURES" 1

# calls LINE: the counter from an answer line "I: {"loads":1,"calls":N}".
calls() { sed -n 's/.*"calls":\([0-9]*\).*/\1/p' <<<"$1"; }

# ---- idle kept connections ----------------------------------------------------
# Five connections kept open and idle, more than the one worker: a new
# connection is still answered, and so are the kept ones afterwards.
out=$("$CLIENT" "$T/ka.sock" get 0 /counter get 1 /counter get 2 /counter \
    get 3 /counter get 4 /counter get 5 /counter get 0 /counter get 4 /counter 2>&1)
is "$(cut -d' ' -f1 <<<"$out" | tr '\n' ' ')" "0: 1: 2: 3: 4: 5: 0: 4: " \
    "5 idle kept connections and 1 worker: a new connection and the kept ones are all answered"
is "$(calls "$(sed -n 6p <<<"$out")")" 6 "the new connection's request is the 6th the worker served"

# ---- busy kept connections -----------------------------------------------------
# The worker is stopped while requests are queued on five kept connections
# and a new connection waits in the backlog.  Once it runs again, the new
# connection must come first or second, not after every kept one.
out=$("$CLIENT" "$T/ka.sock" \
    get 0 /counter get 1 /counter get 2 /counter get 3 /counter get 4 /counter \
    signal "$W" STOP \
    send 0 /counter send 1 /counter send 2 /counter send 3 /counter send 4 /counter \
    send 10 /counter \
    signal "$W" CONT \
    recv 10 recv 0 recv 1 recv 2 recv 3 recv 4 2>&1)
before=$(calls "$(sed -n 5p <<<"$out")")
new=$(calls "$(grep '^10:' <<<"$out")")
kept=$(grep -E '^[0-4]:' <<<"$out" | tail -n 5 | while read -r l; do calls "$l"; done | sort -n | tr '\n' ' ')
if [ -n "$before" ] && [ -n "$new" ] && [ "$new" -le $((before + 2)) ]; then
	ok "a new connection is served before the kept ones that were ready with it (request $((new - before)) of 6)"
else
	not_ok "a new connection is served before the kept ones that were ready with it"
	diag "served before the stop: $before; the new connection's request: $new" "$out"
fi
is "$(wc -w <<<"$kept")" 5 "every kept connection's request is answered too"

# ---- a stop with requests waiting -------------------------------------------------
# Under load a worker's wait always returns connections with requests: a
# SIGTERM must still be seen, before those requests run (they have not
# started; nginx sends a request that fails on a kept connection again).
out=$("$CLIENT" "$T/ka.sock" get 0 /counter get 1 /counter \
    signal "$W" STOP send 0 /counter send 1 /counter signal "$W" TERM \
    signal "$W" CONT recv 0 2>&1)
is "$?" 1 "SIGTERM with requests waiting: the worker stops before them"
like "$out" "closed before the end of the response" "and closes their connections unanswered"
replaced() { [ -n "$(worker_pids)" ] && [ "$(worker_pids)" != "$W" ]; }
check "a new worker replaces it" wait_for 50 replaced
W=$(worker_pids)
like "$("$CLIENT" "$T/ka.sock" get 0 /counter)" '^0: \{"loads":1,"calls":1\}' "and serves (its first request)"

# ---- the cap on kept connections -------------------------------------------------
# 270 kept connections to one worker: it keeps at most 256 and closes the
# least recently served idle ones, and still answers new connections.
args=()
for i in $(seq 20 289); do
	args+=(get "$i" /counter)
done
out=$("$CLIENT" "$T/ka.sock" "${args[@]}" get 290 /counter sockets "$W" 2>&1)
is "$(grep -c '^[0-9]*: {' <<<"$out")" 271 "270 kept connections and a new one are all answered"
# While the client holds all 271 open: the 256 kept, the listening socket,
# and the last one, which the worker may not have filed yet.
socks=$(sed -n 's/^sockets //p' <<<"$out")
if [ -n "$socks" ] && [ "$socks" -le 258 ]; then
	ok "the worker holds at most 256 kept connections ($socks sockets open)"
else
	not_ok "the worker holds at most 256 kept connections"
	diag "sockets open in the worker: $socks"
fi
check "the worker is the same process since" test "$(worker_pids)" = "$W"
