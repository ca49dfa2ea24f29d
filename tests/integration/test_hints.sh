#!/bin/bash
# Errors that say what to do: ES2015+ syntax, an ES module and a handler
# written for Express get one hint line in the log, and after the
# message under expose_errors; a plain error gets none.  Through
# `fnpool invoke`, the code path of a request from nginx.
. "$(dirname "$0")/lib.sh"

HINTS="$SRCDIR/tests/fixtures/hints"

cat >"$T/fnpool.ini" <<INI
[exposed]
listen = $T/exposed.sock
functions = $HINTS
expose_errors = on
$RUN_AS

[quiet]
listen = $T/quiet.sock
functions = $HINTS
$RUN_AS
INI

# inv POOL PATH: sets out (the body), err (the log) and rc.
inv() {
	"$FNPOOL" invoke -c "$T/fnpool.ini" -p "$1" "$2" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	out=$(tr -d '\r' <"$T/out" | sed '1,/^$/d')
	err=$(cat "$T/err")
	cat "$T/err" >>"$T/invoke.log"
}

ES5='fnpool runs ES5; see docs/javascript.md for compiling modern JavaScript'
ESM='this file is an ES module \(import/export\); fnpool loads CommonJS \(see docs/javascript.md\)'

inv exposed /modern
is "$rc" 1 "ES2015 syntax: a 5xx"
like "$err" 'modern.js: load failed \(request [0-9a-f]+\): SyntaxError: modern.js:3: ' \
    "  logged with file:line"
like "$err" "modern.js: hint \\(request [0-9a-f]+\\): $ES5" "  and the hint on its own line"
like "$out" "\"error\":\"modern.js:3: [^\"]*\\\\n$ES5\"" \
    "  under expose_errors: the message, then the hint"

inv quiet /modern
like "$err" "hint \\(request [0-9a-f]+\\): $ES5" "  without expose_errors: logged"
like "$out" '"error":"Internal Server Error"' "  and not sent"

inv exposed /esm
like "$err" "esm.js: hint \\(request [0-9a-f]+\\): this file is an ES module" \
    "import/export: the ES module hint"
like "$out" "\\\\n$ESM\"" "  sent under expose_errors"

inv exposed /plain
like "$err" 'plain.js: load failed .*plain.js:3' "a plain ES5 syntax error: logged"
unlike "$err" 'hint' "  with no hint"
unlike "$out" 'ES5' "  and none sent"

inv exposed /express
is "$rc" 1 "a handler written for Express: a 5xx"
like "$err" 'express.js: threw \(request [0-9a-f]+\): TypeError: ' "  its TypeError logged"
like "$err" 'express.js: hint \(request [0-9a-f]+\): the handler takes \(req, res\) as in Express; fnpool calls it with one argument, ctx' \
    "  then the hint that fnpool passes ctx"
like "$out" 'return the body and set ctx.response.status and ctx.response.headers \(see docs/functions.md\)' \
    "  sent under expose_errors, with how to answer"

inv exposed /typeerror
like "$err" 'typeerror.js: threw .*TypeError' "a TypeError from a (ctx) handler: logged"
unlike "$err" 'hint' "  with no Express hint"

