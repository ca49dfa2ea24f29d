// bench/concurrent.sh on a Node cluster: WORKERS processes (default 2)
// sharing PORT.  /node/sleep answers after a 20 ms timer; /node/upstream
// fetches UPSTREAM (undici, connections kept), which answers after 20 ms.
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');

const workers = Number(process.env.WORKERS || 2);
const port = Number(process.env.PORT);
const upstream = process.env.UPSTREAM;

function send(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json',
	    'content-length': Buffer.byteLength(body) });
	res.end(body);
}

async function upstreamCall() {
	const r = await fetch(upstream);
	if (!r.ok)
		throw new Error(`upstream answered ${r.status}`);
	const d = await r.json();
	return { waited: d.waited };
}

if (cluster.isPrimary) {
	for (let i = 0; i < workers; i++)
		cluster.fork();
	cluster.on('exit', (w, code) => {
		console.error(`worker ${w.process.pid} exited (${code})`);
	});
} else {
	http.createServer((req, res) => {
		if (req.url.startsWith('/node/sleep')) {
			setTimeout(() => send(res, 200, JSON.stringify({ slept: 20 })), 20);
			return;
		}
		upstreamCall().then((d) => send(res, 200, JSON.stringify(d)),
		    (e) => send(res, 502, JSON.stringify({ error: String(e) })));
	}).listen(port, '127.0.0.1');
}
