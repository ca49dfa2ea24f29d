#!/bin/bash
# run-with-nginx.sh: the README's first command.  Installs what is missing,
# builds fnpool, and runs it behind nginx on http://127.0.0.1:8080 serving
# the repository's functions/ directory, in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
port=${PORT:-8080}

bash tests/setup-deps.sh
autoreconf -fi >/dev/null 2>&1
mkdir -p build/run
(cd build/run && "$top/configure" -q && make -j2 >/dev/null)

run=$(mktemp -d /tmp/fnpool-run.XXXXXX)
chmod 755 "$run"
mkdir -p "$run/nginx"
owner=""
if [ "$(id -u)" = 0 ]; then
	# as root, workers run as www-data (fnpool refuses root workers
	# unless told so)
	owner=$'listen.owner = www-data\nlisten.group = www-data\nuser = www-data'
	nginx_user="user www-data www-data;"
else
	nginx_user=""
fi
cat >"$run/fnpool.ini" <<EOF
[global]
pid = $run/fnpool.pid
log_level = info
# the pools' SQLite databases (functions/notes): kept from run to run
state_dir = $top/build/run/state

[www]
listen = $run/fnpool.sock
$owner
listen.mode = 0660
functions = $top/functions
workers = 2
EOF
cat >"$run/nginx.conf" <<EOF
$nginx_user
worker_processes 1;
pid $run/nginx.pid;
error_log $run/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $run/nginx/body;
	fastcgi_temp_path $run/nginx/fastcgi;
	proxy_temp_path $run/nginx/proxy;
	uwsgi_temp_path $run/nginx/uwsgi;
	scgi_temp_path $run/nginx/scgi;
	server {
		listen 127.0.0.1:$port;
		location / {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$run/fnpool.sock;
		}
	}
}
EOF

nginx -e "$run/nginx-error.log" -p "$run/nginx" -c "$run/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
stop() {
	kill -QUIT "$nginx_pid" 2>/dev/null || true
	wait "$nginx_pid" 2>/dev/null || true
	rm -rf "$run"
}
trap stop EXIT

cat <<EOF

fnpool is starting behind nginx; functions are read from $top/functions.
Try:
  curl 'http://127.0.0.1:$port/'
  curl 'http://127.0.0.1:$port/hello?name=Ada'
  curl -d '{"x":1}' -H 'Content-Type: application/json' 'http://127.0.0.1:$port/echo'
  curl 'http://127.0.0.1:$port/counter'
Press Ctrl-C to stop.

EOF
"$top/build/run/src/fnpool" -c "$run/fnpool.ini" || true
