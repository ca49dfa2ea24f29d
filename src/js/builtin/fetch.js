/*
 * fetch, Headers, Request, Response, AbortController, AbortSignal and
 * DOMException for fnpool functions: the WHATWG Fetch standard's, in the
 * subset docs/functions.md lists, over the natives of fetch.c.  One
 * function expression, which fetch.c compiles in a state the first time
 * the state reads one of those globals and calls with its natives; it
 * returns them.
 *
 * ES5 has no symbols, iterators or streams: Headers have forEach, and
 * entries, keys and values return objects with next(); a body is read
 * whole, once, by text(), json(), arrayBuffer(), bytes() or buffer().  A
 * response's body stays bytes in C until then.  AbortSignal.timeout sets
 * no timer (a timer would hold the response until it fired): the
 * transfers it bounds end at its deadline in C, and `aborted` reads true
 * once the deadline has passed.
 */
(function (native) {
'use strict';

var defineProperty = Object.defineProperty;
var create = Object.create;
var isArray = Array.isArray;
var hasOwn = Object.prototype.hasOwnProperty;
var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function hide(o, name, value) {
	defineProperty(o, name, { value: value, writable: true,
	    configurable: true });
}

function define(o, methods) {
	for (var k in methods)
		if (hasOwn.call(methods, k))
			hide(o, k, methods[k]);
}

function getters(o, fns) {
	for (var k in fns)
		if (hasOwn.call(fns, k))
			defineProperty(o, k, { get: fns[k], configurable: true });
}

function needNew(self, C, name) {
	if (!(self instanceof C))
		throw new TypeError("Class constructor " + name +
		    " cannot be invoked without 'new'");
}

/* ---- DOMException --------------------------------------------------------- */

var DOMException = native.DOMException;
if (typeof DOMException !== 'function') {
	DOMException = function DOMException(message, name) {
		needNew(this, DOMException, 'DOMException');
		hide(this, 'message', message === undefined ? '' : String(message));
		hide(this, 'name', name === undefined ? 'Error' : String(name));
		hide(this, 'code', name === 'AbortError' ? 20 :
		    name === 'TimeoutError' ? 23 : 0);
	};
	DOMException.prototype = create(Error.prototype);
	hide(DOMException.prototype, 'constructor', DOMException);
}

function abortError() {
	return new DOMException('This operation was aborted', 'AbortError');
}

function timeoutError() {
	return new DOMException('The operation was aborted due to timeout',
	    'TimeoutError');
}

/* ---- AbortSignal, AbortController ------------------------------------------ */

function AbortSignal() {
	throw new TypeError('Illegal constructor');
}

function newSignal() {
	var s = create(AbortSignal.prototype);
	hide(s, '_a', { aborted: false, reason: undefined, listeners: [],
	    onabort: null, at: -1, dependents: null });
	return s;
}

function signalState(s) {
	if (!(s instanceof AbortSignal) || !s._a)
		throw new TypeError('Illegal invocation: not an AbortSignal');
	var a = s._a;
	if (!a.aborted && a.at >= 0 && native.now() >= a.at)
		abortSignal(s, timeoutError());
	return a;
}

/* A listener that throws fails the request, as an uncaught error would. */
function report(e) {
	queueMicrotask(function () { throw e; });
}

function abortSignal(s, reason) {
	var a = s._a, ls, i, ev;
	if (a.aborted)
		return;
	a.aborted = true;
	a.reason = reason;
	a.at = -1;
	ls = a.listeners;
	a.listeners = [];
	ev = { type: 'abort', target: s, currentTarget: s,
	    defaultPrevented: false, isTrusted: true };
	if (typeof a.onabort === 'function')
		try { a.onabort.call(s, ev); } catch (e) { report(e); }
	for (i = 0; i < ls.length; i++)
		try {
			if (typeof ls[i] === 'function')
				ls[i].call(s, ev);
			else
				ls[i].handleEvent(ev);
		} catch (e) { report(e); }
	if (a.dependents !== null)
		for (i = 0; i < a.dependents.length; i++)
			abortSignal(a.dependents[i], reason);
	a.dependents = null;
}

getters(AbortSignal.prototype, {
	aborted: function () { return signalState(this).aborted; },
	reason: function () { return signalState(this).reason; }
});
defineProperty(AbortSignal.prototype, 'onabort', {
	get: function () { return signalState(this).onabort; },
	set: function (fn) { signalState(this).onabort = fn; },
	configurable: true
});
define(AbortSignal.prototype, {
	throwIfAborted: function () {
		var a = signalState(this);
		if (a.aborted)
			throw a.reason;
	},
	addEventListener: function (type, fn) {
		var a = signalState(this);
		if (type !== 'abort' || fn === null || fn === undefined ||
		    a.aborted || a.listeners.indexOf(fn) !== -1)
			return;
		a.listeners.push(fn);
	},
	removeEventListener: function (type, fn) {
		var a = signalState(this), i = a.listeners.indexOf(fn);
		if (type === 'abort' && i !== -1)
			a.listeners.splice(i, 1);
	},
	/* ms left before an AbortSignal.timeout's deadline, or -1 */
	_left: function () {
		var a = this._a;
		return a.at < 0 ? -1 : Math.max(0, a.at - native.now());
	},
	toString: function () { return '[object AbortSignal]'; }
});

define(AbortSignal, {
	abort: function (reason) {
		var s = newSignal();
		abortSignal(s, reason === undefined ? abortError() : reason);
		return s;
	},
	timeout: function (ms) {
		var s = newSignal();
		ms = Number(ms);
		if (!(ms >= 0 && ms <= 9007199254740991))
			throw new TypeError('The "delay" argument must be a ' +
			    'non-negative number. Received ' + ms);
		s._a.at = native.now() + Math.floor(ms);
		return s;
	},
	any: function (signals) {
		var s = newSignal(), a, i;
		if (signals === null || typeof signals !== 'object' ||
		    typeof signals.length !== 'number')
			throw new TypeError('AbortSignal.any: the argument must ' +
			    'be an array of AbortSignal');
		for (i = 0; i < signals.length; i++) {
			a = signalState(signals[i]);
			if (a.aborted) {
				abortSignal(s, a.reason);
				return s;
			}
		}
		for (i = 0; i < signals.length; i++) {
			a = signals[i]._a;
			if (a.at >= 0 && (s._a.at < 0 || a.at < s._a.at))
				s._a.at = a.at;
			(a.dependents || (a.dependents = [])).push(s);
		}
		return s;
	}
});

function AbortController() {
	needNew(this, AbortController, 'AbortController');
	hide(this, '_signal', newSignal());
}
getters(AbortController.prototype, {
	signal: function () { return this._signal; }
});
define(AbortController.prototype, {
	abort: function (reason) {
		abortSignal(this._signal, reason === undefined ? abortError() :
		    reason);
	}
});

/* ---- Headers ----------------------------------------------------------------- */

function headerName(name) {
	name = String(name);
	if (!TOKEN.test(name))
		throw new TypeError('Headers: "' + name + '" is an invalid ' +
		    'header name.');
	return name.toLowerCase();
}

function headerValue(value) {
	value = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
	if (/[\r\n\u0000]/.test(value))
		throw new TypeError('Headers: "' + value + '" is an invalid ' +
		    'header value.');
	return value;
}

function writable(h) {
	if (h._ro)
		throw new TypeError('Headers: the headers of a fetched ' +
		    'response are immutable');
}

/* _list: name (lower case), value, name, value ... in the order added */
function Headers(init) {
	needNew(this, Headers, 'Headers');
	hide(this, '_list', []);
	if (init !== undefined && init !== null)
		fill(this, init);
}

function fill(h, init) {
	var l = h._list, i, k, pair;
	if (init instanceof Headers) {
		for (i = 0; i < init._list.length; i++)
			l.push(init._list[i]);
	} else if (isArray(init)) {
		for (i = 0; i < init.length; i++) {
			pair = init[i];
			if (pair === null || typeof pair !== 'object' ||
			    pair.length !== 2)
				throw new TypeError('Headers: each header must be ' +
				    'a [name, value] pair');
			l.push(headerName(pair[0]), headerValue(pair[1]));
		}
	} else if (typeof init === 'object' || typeof init === 'function') {
		for (k in init)
			if (hasOwn.call(init, k))
				l.push(headerName(k), headerValue(init[k]));
	} else
		throw new TypeError('Headers: init must be an object, an array ' +
		    'of [name, value] pairs or a Headers');
}

/* [[name, value], ...] by name, values of a name joined but Set-Cookie */
function sorted(h) {
	var l = h._list, pairs = [], out = [], i, last = null;
	for (i = 0; i < l.length; i += 2)
		pairs.push([l[i], l[i + 1], i]);
	pairs.sort(function (a, b) {
		return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2];
	});
	for (i = 0; i < pairs.length; i++) {
		if (last !== null && last[0] === pairs[i][0] &&
		    last[0] !== 'set-cookie')
			last[1] += ', ' + pairs[i][1];
		else
			out.push(last = [pairs[i][0], pairs[i][1]]);
	}
	return out;
}

function iterator(list, pick) {
	var i = 0;
	return {
		next: function () {
			if (i >= list.length)
				return { value: undefined, done: true };
			var p = list[i++];
			return { value: pick < 0 ? p : p[pick], done: false };
		}
	};
}

define(Headers.prototype, {
	append: function (name, value) {
		writable(this);
		this._list.push(headerName(name), headerValue(value));
	},
	'delete': function (name) {
		var l = this._list, i;
		name = headerName(name);
		writable(this);
		for (i = l.length - 2; i >= 0; i -= 2)
			if (l[i] === name)
				l.splice(i, 2);
	},
	get: function (name) {
		var l = this._list, v = null, i;
		name = headerName(name);
		for (i = 0; i < l.length; i += 2)
			if (l[i] === name)
				v = v === null ? l[i + 1] : v + ', ' + l[i + 1];
		return v;
	},
	getSetCookie: function () {
		var l = this._list, v = [], i;
		for (i = 0; i < l.length; i += 2)
			if (l[i] === 'set-cookie')
				v.push(l[i + 1]);
		return v;
	},
	has: function (name) {
		var l = this._list, i;
		name = headerName(name);
		for (i = 0; i < l.length; i += 2)
			if (l[i] === name)
				return true;
		return false;
	},
	set: function (name, value) {
		var l = this._list, i, found = false;
		name = headerName(name);
		value = headerValue(value);
		writable(this);
		for (i = 0; i < l.length; i += 2) {
			if (l[i] !== name)
				continue;
			if (!found) {
				l[i + 1] = value;
				found = true;
			} else {
				l.splice(i, 2);
				i -= 2;
			}
		}
		if (!found)
			l.push(name, value);
	},
	forEach: function (fn, thisArg) {
		var s = sorted(this), i;
		if (typeof fn !== 'function')
			throw new TypeError('Headers.forEach: the callback must ' +
			    'be a function');
		for (i = 0; i < s.length; i++)
			fn.call(thisArg, s[i][1], s[i][0], this);
	},
	entries: function () { return iterator(sorted(this), -1); },
	keys: function () { return iterator(sorted(this), 0); },
	values: function () { return iterator(sorted(this), 1); },
	toString: function () { return '[object Headers]'; }
});

/* ---- bodies ---------------------------------------------------------------- */

function isParams(v) {
	return typeof v.getAll === 'function' && typeof v.append === 'function' &&
	    typeof v.sort === 'function' && typeof v.has === 'function';
}

/* BodyInit: {body: null, a string, or bytes (Uint8Array); type} */
function extract(v) {
	if (v === undefined || v === null)
		return { body: null, type: null };
	if (typeof v === 'string')
		return { body: v, type: 'text/plain;charset=UTF-8' };
	if (typeof v === 'object' && isParams(v))
		return { body: String(v),
		    type: 'application/x-www-form-urlencoded;charset=UTF-8' };
	if (typeof v === 'object' && typeof v.byteLength === 'number') {
		if (v instanceof ArrayBuffer)
			return { body: new Uint8Array(v.slice(0)), type: null };
		if (ArrayBuffer.isView(v))
			return { body: new Uint8Array(v.buffer.slice(v.byteOffset,
			    v.byteOffset + v.byteLength)), type: null };
	}
	if (typeof v === 'object' && (typeof v.getReader === 'function' ||
	    typeof v.stream === 'function'))
		throw new TypeError('fetch: streams, Blob and FormData bodies ' +
		    'are not supported: send a string, a Buffer or ' +
		    'URLSearchParams');
	return { body: String(v), type: 'text/plain;charset=UTF-8' };
}

function copyBody(b) {
	if (b === null || typeof b === 'string')
		return b;
	if (native.isBody(b))
		return native.bodyClone(b);
	return new Uint8Array(b);
}

function toText(b) {
	if (b === null)
		return '';
	if (typeof b === 'string')
		return b;
	if (native.isBody(b))
		return native.bodyText(b);
	return Buffer.prototype.toString.call(b, 'utf8');
}

function toJSON(b) {
	if (b !== null && typeof b !== 'string' && native.isBody(b))
		return native.bodyJson(b);
	return JSON.parse(toText(b));
}

function toBuffer(b) {
	if (b === null)
		return Buffer.alloc(0);
	if (typeof b === 'string')
		return Buffer.from(b, 'utf8');
	if (native.isBody(b))
		return Buffer.from(native.bodyLatin1(b), 'latin1');
	return Buffer.from(b);
}

/* Reads the body of s once, as read makes it; a Promise. */
function consume(s, read) {
	var b = s.body;
	if (s.used)
		return Promise.reject(new TypeError('Body is unusable: Body has ' +
		    'already been read'));
	if (b !== null)
		s.used = true;
	s.body = null;
	try {
		return Promise.resolve(read(b));
	} catch (e) {
		return Promise.reject(e);
	}
}

var bodyMethods = {
	text: function () { return consume(this._s, toText); },
	json: function () { return consume(this._s, toJSON); },
	buffer: function () { return consume(this._s, toBuffer); },
	arrayBuffer: function () {
		return consume(this._s, function (b) {
			return toBuffer(b).buffer;
		});
	},
	bytes: function () {
		return consume(this._s, function (b) {
			return new Uint8Array(toBuffer(b).buffer);
		});
	},
	blob: function () {
		return Promise.reject(new TypeError('blob() is not supported ' +
		    'in fnpool: use arrayBuffer() or buffer()'));
	},
	formData: function () {
		return Promise.reject(new TypeError('formData() is not ' +
		    'supported in fnpool: use text() or json()'));
	}
};

/* ---- Request ------------------------------------------------------------- */

function parseURL(input) {
	var s = input !== null && typeof input === 'object' &&
	    typeof input.href === 'string' ? input.href : String(input);
	var u = native.url(s), e, cause;
	if (u === null) {
		cause = new TypeError('Invalid URL');
		cause.code = 'ERR_INVALID_URL';
		cause.input = s;
		e = new TypeError('Failed to parse URL from ' + s);
		e.cause = cause;
		throw e;
	}
	if (u === '')
		throw new TypeError('Request cannot be constructed from a URL ' +
		    'that includes credentials: ' + s);
	return u;
}

function method(m) {
	var u;
	m = String(m);
	if (!TOKEN.test(m))
		throw new TypeError("'" + m + "' is not a valid HTTP method.");
	u = m.toUpperCase();
	if (u === 'CONNECT' || u === 'TRACE' || u === 'TRACK')
		throw new TypeError("'" + m + "' HTTP method is unsupported.");
	/* the standard normalizes these six only: 'patch' stays as given */
	return u === 'DELETE' || u === 'GET' || u === 'HEAD' || u === 'OPTIONS' ||
	    u === 'POST' || u === 'PUT' ? u : m;
}

/* A request's state from fetch's or Request's arguments. */
function prepare(input, init) {
	var s = { url: null, method: 'GET', headers: null, body: null,
	    redirect: 'follow', signal: null, used: false }, from, b, v;
	if (input instanceof Request) {
		from = input._s;
		if (from.used)
			throw new TypeError('Cannot construct a Request with a ' +
			    'Request object that has already been used.');
		s.url = from.url;
		s.method = from.method;
		s.headers = from.headers !== null ? new Headers(from.headers) :
		    null;
		s.body = copyBody(from.body);
		s.redirect = from.redirect;
		s.signal = from.signal;
	} else
		s.url = parseURL(input);
	if (init !== undefined && init !== null) {
		if (typeof init !== 'object')
			throw new TypeError('fetch: init must be an object');
		if (init.method !== undefined)
			s.method = method(init.method);
		if (init.headers !== undefined && init.headers !== null)
			s.headers = new Headers(init.headers);
		if (init.redirect !== undefined) {
			v = String(init.redirect);
			if (v !== 'follow' && v !== 'manual' && v !== 'error')
				throw new TypeError("fetch: redirect must be " +
				    "'follow', 'manual' or 'error', not '" + v + "'");
			s.redirect = v;
		}
		if (init.signal !== undefined) {
			if (init.signal !== null &&
			    !(init.signal instanceof AbortSignal))
				throw new TypeError("fetch: 'signal' must be an " +
				    'AbortSignal');
			s.signal = init.signal;
		}
		if (init.body !== undefined) {
			b = extract(init.body);
			s.body = b.body;
			if (b.type !== null) {
				if (s.headers === null)
					s.headers = new Headers();
				if (!s.headers.has('content-type'))
					s.headers._list.push('content-type', b.type);
			}
		}
	}
	if (s.body !== null && (s.method === 'GET' || s.method === 'HEAD'))
		throw new TypeError('Request with GET/HEAD method cannot have ' +
		    'body.');
	return s;
}

function Request(input, init) {
	needNew(this, Request, 'Request');
	if (arguments.length < 1)
		throw new TypeError("Failed to construct 'Request': 1 argument " +
		    'required, but only 0 present.');
	hide(this, '_s', prepare(input, init));
}
getters(Request.prototype, {
	method: function () { return this._s.method; },
	url: function () { return this._s.url; },
	headers: function () {
		var s = this._s;
		return s.headers !== null ? s.headers : (s.headers = new Headers());
	},
	redirect: function () { return this._s.redirect; },
	signal: function () {
		var s = this._s;
		return s.signal !== null ? s.signal : (s.signal = newSignal());
	},
	bodyUsed: function () { return this._s.used; },
	cache: function () { return 'default'; },
	credentials: function () { return 'same-origin'; },
	mode: function () { return 'cors'; },
	referrer: function () { return 'about:client'; },
	integrity: function () { return ''; },
	keepalive: function () { return false; },
	destination: function () { return ''; }
});
define(Request.prototype, bodyMethods);
define(Request.prototype, {
	clone: function () {
		if (this._s.used)
			throw new TypeError('Request.clone: Body has already been ' +
			    'consumed.');
		return new Request(this);
	},
	toString: function () { return '[object Request]'; }
});

/* ---- Response ---------------------------------------------------------------- */

function responseState(status, statusText, headers, body, type) {
	return { status: status, statusText: statusText, headers: headers,
	    raw: null, url: '', redirected: false, type: type, body: body,
	    used: false };
}

function Response(body, init) {
	var status = 200, statusText = '', headers, b;
	needNew(this, Response, 'Response');
	if (init !== undefined && init !== null) {
		if (typeof init !== 'object')
			throw new TypeError('Response: init must be an object');
		if (init.status !== undefined) {
			status = Number(init.status);
			if (!(status >= 200 && status <= 599 &&
			    Math.floor(status) === status))
				throw new RangeError('init["status"] must be in the ' +
				    'range of 200 to 599, inclusive.');
		}
		if (init.statusText !== undefined)
			statusText = String(init.statusText);
	}
	headers = new Headers(init !== undefined && init !== null ?
	    init.headers : undefined);
	b = extract(body);
	if (b.body !== null && (status === 204 || status === 205 ||
	    status === 304))
		throw new TypeError('Response with null body status cannot ' +
		    'have body');
	if (b.type !== null && !headers.has('content-type'))
		headers._list.push('content-type', b.type);
	hide(this, '_s', responseState(status, statusText, headers, b.body,
	    'default'));
}

/* A response from the network: its headers and body stay in net (C) */
function fromNetwork(status, statusText, url, redirected, net) {
	var r = create(Response.prototype);
	var s = responseState(status, statusText, null, net, 'basic');
	s.raw = net;
	s.url = url;
	s.redirected = redirected;
	hide(r, '_s', s);
	return r;
}

getters(Response.prototype, {
	ok: function () {
		var st = this._s.status;
		return st >= 200 && st <= 299;
	},
	status: function () { return this._s.status; },
	statusText: function () { return this._s.statusText; },
	headers: function () {
		var s = this._s;
		if (s.headers === null) {
			s.headers = new Headers();
			s.headers._list = native.headers(s.raw);
			s.raw = null;
			hide(s.headers, '_ro', true);
		}
		return s.headers;
	},
	url: function () { return this._s.url; },
	redirected: function () { return this._s.redirected; },
	type: function () { return this._s.type; },
	bodyUsed: function () { return this._s.used; }
});
define(Response.prototype, bodyMethods);
define(Response.prototype, {
	clone: function () {
		var s = this._s, r = create(Response.prototype), c;
		if (s.used)
			throw new TypeError('Response.clone: Body has already ' +
			    'been consumed.');
		c = responseState(s.status, s.statusText, null, copyBody(s.body),
		    s.type);
		if (s.raw !== null)	/* the headers are in the body's copy */
			c.raw = s.raw === s.body ? c.body : native.bodyClone(s.raw);
		if (s.headers !== null) {
			c.headers = new Headers(s.headers);
			if (s.headers._ro)
				hide(c.headers, '_ro', true);
		}
		c.url = s.url;
		c.redirected = s.redirected;
		hide(r, '_s', c);
		return r;
	},
	toString: function () { return '[object Response]'; }
});
define(Response, {
	error: function () {
		var r = create(Response.prototype);
		hide(r, '_s', responseState(0, '', new Headers(), null, 'error'));
		return r;
	},
	json: function (data, init) {
		var body = JSON.stringify(data), headers;
		if (body === undefined)
			throw new TypeError('Response.json: the data is not JSON ' +
			    'serializable');
		init = init !== undefined && init !== null ? init : {};
		headers = new Headers(init.headers);
		if (!headers.has('content-type'))
			headers.set('content-type', 'application/json');
		return new Response(body, { status: init.status,
		    statusText: init.statusText, headers: headers });
	},
	redirect: function (url, status) {
		status = status === undefined ? 302 : Number(status);
		if (status !== 301 && status !== 302 && status !== 303 &&
		    status !== 307 && status !== 308)
			throw new RangeError('Invalid status code ' + status);
		return new Response(null, { status: status,
		    headers: { location: parseURL(url) } });
	}
});

/* ---- fetch ------------------------------------------------------------------- */

function networkError(code, message) {
	var cause = new Error(message), e = new TypeError('fetch failed');
	cause.code = code;
	e.cause = cause;
	return e;
}

/* The bytes of a body as a string of characters below U+0100. */
function latin1(bytes) {
	return Buffer.prototype.toString.call(bytes, 'latin1');
}

function fetch(input, init) {
	return new Promise(function (resolve, reject) {
		var s = prepare(input, init), signal = s.signal, body = s.body;
		var binary = false, id;
		if (signal !== null && signal.aborted) {
			reject(signal.reason);
			return;
		}
		if (body !== null && typeof body !== 'string') {
			body = latin1(body);
			binary = true;
		}
		s.used = s.body !== null;
		function onAbort() {
			native.abort(id);
			reject(signal.reason);
		}
		function done(code, message, status, statusText, url, redirected,
		    net) {
			if (signal !== null)
				signal.removeEventListener('abort', onAbort);
			if (code === '')
				resolve(fromNetwork(status, statusText, url,
				    redirected, net));
			else if (code === 'ABORT_TIMEOUT' && signal !== null) {
				abortSignal(signal, timeoutError());
				reject(signal.reason);
			} else
				reject(networkError(code, message));
		}
		id = native.start(s.url, s.method, s.headers !== null ?
		    s.headers._list : [], body, binary, s.redirect,
		    signal !== null ? signal._left() : -1, done);
		if (typeof id !== 'number') {
			reject(networkError(id[0], id[1]));
			return;
		}
		if (signal !== null)
			signal.addEventListener('abort', onAbort);
	});
}

return {
	fetch: fetch,
	Headers: Headers,
	Request: Request,
	Response: Response,
	AbortController: AbortController,
	AbortSignal: AbortSignal,
	DOMException: DOMException
};
})
