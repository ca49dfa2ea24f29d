// The gateway of bench/fetch.sh on a Node cluster: WORKERS processes
// (default 2) sharing PORT, each answering with fetch (undici, which keeps
// connections alive) from UPSTREAM.
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');

const workers = Number(process.env.WORKERS || 2);
const port = Number(process.env.PORT);
const upstream = process.env.UPSTREAM;

if (cluster.isPrimary) {
	for (let i = 0; i < workers; i++)
		cluster.fork();
	cluster.on('exit', (w, code) => {
		console.error(`worker ${w.process.pid} exited (${code})`);
	});
} else {
	http.createServer(async (req, res) => {
		try {
			const r = await fetch(upstream);
			if (!r.ok)
				throw new Error(`upstream answered ${r.status}`);
			const d = await r.json();
			const body = JSON.stringify({ id: d.id, name: d.name,
			    items: d.items.length });
			res.writeHead(200, { 'content-type': 'application/json',
			    'content-length': Buffer.byteLength(body) });
			res.end(body);
		} catch (e) {
			res.writeHead(502);
			res.end(String(e));
		}
	}).listen(port, '127.0.0.1');
}
