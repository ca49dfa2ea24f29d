// bench/concurrent.sh's upstream: one Node process on PORT answering every
// request with a small JSON document after DELAY ms (default 20), as a
// slow service would.  Both fnpool and the Node cluster fetch from it.
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT);
const delay = Number(process.env.DELAY || 20);
const body = JSON.stringify({ waited: delay });

http.createServer((req, res) => {
	setTimeout(() => {
		res.writeHead(200, { 'content-type': 'application/json',
		    'content-length': Buffer.byteLength(body) });
		res.end(body);
	}, delay);
}).listen(port, '127.0.0.1');
