#!/bin/bash
# fetch over HTTPS, against nginx with certificates made here by openssl:
# a private CA given as fetch.ca_file, a certificate from an unknown CA, a
# certificate for another name, fetch.insecure (and its warning at
# start), TLS sessions resumed on new connections, HTTP/2 when negotiated.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX)"
command -v openssl >/dev/null || skip_all "openssl not installed"

FX="$SRCDIR/tests/fixtures/fetch"
GOOD=$(free_port)
ROGUE=$(free_port)
WRONG=$(free_port)
CLOSING=$(free_port)

# ---- certificates -------------------------------------------------------------
mkcert() {	# mkcert NAME CA SUBJECT_ALT_NAMES
	openssl req -new -newkey rsa:2048 -nodes -keyout "$T/$1.key" \
	    -subj "/CN=$1" -out "$T/$1.csr" 2>/dev/null &&
	printf 'subjectAltName = %s\n' "$3" >"$T/$1.ext" &&
	openssl x509 -req -in "$T/$1.csr" -CA "$T/$2.pem" -CAkey "$T/$2.key" \
	    -CAcreateserial -days 2 -extfile "$T/$1.ext" -out "$T/$1.pem" \
	    2>/dev/null
}
mkca() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/$1.key" \
	    -subj "/CN=fnpool test $1" -days 2 -out "$T/$1.pem" 2>/dev/null
}
check "openssl makes a CA and certificates" bash -c "$(declare -f mkca mkcert); T='$T'
	mkca ca && mkca rogueca &&
	mkcert good ca 'DNS:localhost, IP:127.0.0.1' &&
	mkcert rogue rogueca 'DNS:localhost, IP:127.0.0.1' &&
	mkcert wrong ca 'DNS:wrong.example'"
chmod 644 "$T"/*.key

cat >"$T/http.conf" <<CONF
server {
	listen 127.0.0.1:$GOOD ssl http2;
	ssl_certificate $T/good.pem;
	ssl_certificate_key $T/good.key;
	access_log $T/tls-access.log;
	location = /hello { return 200 "hello over \$server_protocol"; }
	location = /conn { return 200 "\$connection"; }
}
server {
	listen 127.0.0.1:$CLOSING ssl;
	ssl_certificate $T/good.pem;
	ssl_certificate_key $T/good.key;
	keepalive_timeout 0;
	ssl_session_cache shared:fetchtest:1m;	# session ids (tickets: not resumed by curl 7.88)
	location = /resumed { return 200 "\$ssl_session_reused \$ssl_protocol"; }
}
server {
	listen 127.0.0.1:$ROGUE ssl;
	ssl_certificate $T/rogue.pem;
	ssl_certificate_key $T/rogue.key;
	location / { return 200 "rogue"; }
}
server {
	listen 127.0.0.1:$WRONG ssl;
	ssl_certificate $T/wrong.pem;
	ssl_certificate_key $T/wrong.key;
	location / { return 200 "wrong name"; }
}
CONF
: >"$T/server.conf"
for p in tls sys insecure; do
	cat >>"$T/server.conf" <<CONF
location /$p/ {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/$p.sock;
}
CONF
done

pool() {	# pool NAME [LINE...]
	local name=$1
	shift
	printf '\n[%s]\nlisten = %s\nlisten.mode = 0666\n%s\n' "$name" \
	    "$T/$name.sock" "$RUN_AS"
	printf 'functions = %s\nprefix = /%s\nworkers = 1\n' "$FX/client" "$name"
	printf 'env.UP = https://127.0.0.1:%s\n' "$GOOD"
	printf '%s\n' "$@"
}
{
	printf '[global]\npid = %s\nlog_level = info\n' "$T/fnpool.pid"
	pool tls "fetch.ca_file = $T/ca.pem"
	pool sys
	pool insecure "fetch.insecure = on"
} >"$T/fnpool.ini"

fnpool_start "$T/fnpool.ini"
check "fnpool creates its sockets" wait_for 50 is_socket "$T/insecure.sock"
check "nginx starts" nginx_start
check "3 workers up" wait_for 50 workers_up 3
check "the TLS upstream answers" wait_for 50 port_open "$GOOD"

logged() { grep -q -a -F -- "$1" "$T/fnpool.log"; }
guard() { http "/$1/guard?url=https://$2/$3"; }

check "fetch.insecure = on is logged as a warning at start" \
    logged "[warn] master[$FNPOOL_PID]: $T/fnpool.ini:"
check "  naming the pool and what it means" \
    logged "pool 'insecure': fetch.insecure = on: fetch does not verify TLS certificates or host names"

is "$(guard tls "127.0.0.1:$GOOD" hello)" $'200\n{"status":200}' \
    "fetch.ca_file: a certificate from the private CA is trusted (by address)"
is "$(guard tls "localhost:$GOOD" hello)" $'200\n{"status":200}' \
    "  and by name"
like "$(guard sys "127.0.0.1:$GOOD" hello)" \
    '"error":"TypeError","message":"fetch failed","code":"UNABLE_TO_GET_ISSUER_CERT_LOCALLY"' \
    "without it, the same certificate: UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
check "  logged with the host and cause" \
    logged "fetch GET 127.0.0.1 failed: UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
like "$(guard tls "127.0.0.1:$ROGUE" x)" '"code":"UNABLE_TO_GET_ISSUER_CERT_LOCALLY"' \
    "a certificate from an unknown CA: refused"
like "$(guard tls "127.0.0.1:$WRONG" x)" '"code":"ERR_TLS_CERT_ALTNAME_INVALID"' \
    "a certificate for another name: ERR_TLS_CERT_ALTNAME_INVALID"
is "$(guard insecure "127.0.0.1:$ROGUE" x)" $'200\n{"status":200}' \
    "fetch.insecure = on: not verified"

get() { http "/tls/get?url=https://127.0.0.1:${2:-$GOOD}/$1" | sed 1d; }
a=$(get conn)
b=$(get conn)
like "$a" '^\{"status":200,"text":"[0-9]+"\}$' "a fetch over HTTPS"
is "$b" "$a" "  the next request reuses its connection"
get resumed "$CLOSING" >/dev/null
like "$(get resumed "$CLOSING")$(get resumed "$CLOSING")" \
    '^\{"status":200,"text":"r TLSv1\.[23]"\}\{"status":200,"text":"r TLSv1\.[23]"\}$' \
    "new connections (the upstream closes each) resume the worker's TLS session"
is "$(get hello)" '{"status":200,"text":"hello over HTTP/2.0"}' \
    "HTTP/2 where curl negotiates it (ALPN)"
