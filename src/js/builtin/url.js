/*
 * url: the WHATWG URL and URLSearchParams (also globals), and Node's
 * legacy url.parse, url.format and url.resolve.  The parser follows the
 * URL Standard's state machine; international domain names are
 * lower-cased and punycoded label by label (no full UTS #46 mapping).
 * url.resolve resolves as the URL Standard does, also against a base
 * that is only a path.  Iterators (keys, values, entries) are objects
 * with next(), since MuJS has no for...of.
 */
'use strict';

var errors = require('internal/errors');
var querystring = require('querystring');

/* ---- percent-encoding ---------------------------------------------------- */

var utf8Bytes = errors.utf8Bytes;

var HEX = '0123456789ABCDEF';

function pct(b) {
	return '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 15);
}

function inC0(c) { return c < 0x20 || c > 0x7e; }
function inFragment(c) {
	return inC0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e ||
	    c === 0x60;
}
function inQuery(c) {
	return inC0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c ||
	    c === 0x3e;
}
function inSpecialQuery(c) { return inQuery(c) || c === 0x27; }
function inPath(c) {
	return inQuery(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
}
function inUserinfo(c) {
	return inPath(c) || c === 0x2f || c === 0x3a || c === 0x3b ||
	    c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5e) || c === 0x7c;
}

function encodeSet(s, inSet) {
	var out = '', i, c, bytes, k;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		if (c < 0x80) {
			out += inSet(c) ? pct(c) : s.charAt(i);
			continue;
		}
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			bytes = utf8Bytes(s.slice(i, i + 2));
			if (bytes.length === 4)
				i++;
			else
				bytes = utf8Bytes(s.charAt(i));
		} else {
			bytes = utf8Bytes(s.charAt(i));
		}
		for (k = 0; k < bytes.length; k++)
			out += pct(bytes[k]);
	}
	return out;
}

function hexVal(c) {
	if (c >= 0x30 && c <= 0x39)
		return c - 0x30;
	if (c >= 0x41 && c <= 0x46)
		return c - 0x37;
	if (c >= 0x61 && c <= 0x66)
		return c - 0x57;
	return -1;
}

/* percent-decodes s (as UTF-8 bytes) into a byte array */
function percentDecodeBytes(s) {
	var bytes = utf8Bytes(s), out = [], i, h, l;
	for (i = 0; i < bytes.length; i++) {
		if (bytes[i] === 0x25 && i + 2 < bytes.length &&
		    (h = hexVal(bytes[i + 1])) >= 0 && (l = hexVal(bytes[i + 2])) >= 0) {
			out.push(h * 16 + l);
			i += 2;
		} else {
			out.push(bytes[i]);
		}
	}
	return out;
}

function utf8Decode(bytes) {
	return errors.utf8Decode(bytes);
}

/* ---- punycode (RFC 3492) --------------------------------------------- */

var BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700;

function adapt(delta, numPoints, first) {
	var k = 0;
	delta = first ? Math.floor(delta / DAMP) : delta >> 1;
	delta += Math.floor(delta / numPoints);
	for (; delta > ((BASE - TMIN) * TMAX) >> 1; k += BASE)
		delta = Math.floor(delta / (BASE - TMIN));
	return Math.floor(k + (BASE - TMIN + 1) * delta / (delta + SKEW));
}

function digit(d) {
	return String.fromCharCode(d + 22 + 75 * (d < 26));
}

function codePoints(s) {
	var out = [], i, c, d;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
		    (d = s.charCodeAt(i + 1)) >= 0xdc00 && d <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
			i++;
		}
		out.push(c);
	}
	return out;
}

function fromCodePoints(cps) {
	var s = '', i, c;
	for (i = 0; i < cps.length; i++) {
		c = cps[i];
		if (c > 0xffff) {
			c -= 0x10000;
			s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
		} else {
			s += String.fromCharCode(c);
		}
	}
	return s;
}

function punyEncode(input) {
	var cps = codePoints(input), n = 128, delta = 0, bias = 72, out = '';
	var basic = 0, h, m, i, q, k, t, c;
	for (i = 0; i < cps.length; i++)
		if (cps[i] < 0x80) {
			out += String.fromCharCode(cps[i]);
			basic++;
		}
	h = basic;
	if (basic > 0)
		out += '-';
	while (h < cps.length) {
		m = 0x7fffffff;
		for (i = 0; i < cps.length; i++)
			if (cps[i] >= n && cps[i] < m)
				m = cps[i];
		delta += (m - n) * (h + 1);
		n = m;
		for (i = 0; i < cps.length; i++) {
			c = cps[i];
			if (c < n)
				delta++;
			if (c === n) {
				for (q = delta, k = BASE; ; k += BASE) {
					t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
					if (q < t)
						break;
					out += digit(t + (q - t) % (BASE - t));
					q = Math.floor((q - t) / (BASE - t));
				}
				out += digit(q);
				bias = adapt(delta, h + 1, h === basic);
				delta = 0;
				h++;
			}
		}
		delta++;
		n++;
	}
	return out;
}

function punyDecode(input) {
	var out = [], n = 128, i = 0, bias = 72, basic = input.lastIndexOf('-');
	var j, oldi, w, k, c, d, t;
	if (basic < 0)
		basic = 0;
	for (j = 0; j < basic; j++) {
		if (input.charCodeAt(j) >= 0x80)
			return null;
		out.push(input.charCodeAt(j));
	}
	for (j = basic > 0 ? basic + 1 : 0; j < input.length;) {
		for (oldi = i, w = 1, k = BASE; ; k += BASE) {
			if (j >= input.length)
				return null;
			c = input.charCodeAt(j++);
			d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 :
			    c - 97 < 26 ? c - 97 : BASE;
			if (d >= BASE)
				return null;
			i += d * w;
			t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
			if (d < t)
				break;
			w *= BASE - t;
		}
		bias = adapt(i - oldi, out.length + 1, oldi === 0);
		n += Math.floor(i / (out.length + 1));
		i %= out.length + 1;
		out.splice(i++, 0, n);
	}
	return fromCodePoints(out);
}

/* a domain in ASCII, punycoded label by label; '' when it cannot be */
function domainToASCIIRaw(domain) {
	var labels = domain.toLowerCase().replace(/[\u3002\uff0e\uff61]/g, '.')
	    .split('.'), i, ace = /^xn--/;
	for (i = 0; i < labels.length; i++) {
		if (ace.test(labels[i]) && (/[^\x00-\x7f]/.test(labels[i]) ||
		    punyDecode(labels[i].slice(4)) === null))
			return '';
		if (/[^\x00-\x7f]/.test(labels[i]))
			labels[i] = 'xn--' + punyEncode(labels[i].normalize('NFC'));
	}
	return labels.join('.');
}

/* ---- hosts --------------------------------------------------------------- */

var FAILURE = {};

var forbiddenHost = /[\u0000\u0009\u000a\u000d #\/:<>?@[\\\]^|]/;
var forbiddenDomain = /[\u0000-\u001f #%\/:<>?@[\\\]^|\u007f]/;

function parseIPv4Number(s) {
	var R = 10;
	if (s === '')
		return FAILURE;
	if (s.length >= 2 && (s.slice(0, 2) === '0x' || s.slice(0, 2) === '0X')) {
		s = s.slice(2);
		R = 16;
	} else if (s.length >= 2 && s.charAt(0) === '0') {
		s = s.slice(1);
		R = 8;
	}
	if (s === '')
		return 0;
	if ((R === 10 && !/^[0-9]+$/.test(s)) || (R === 16 &&
	    !/^[0-9a-fA-F]+$/.test(s)) || (R === 8 && !/^[0-7]+$/.test(s)))
		return FAILURE;
	return parseInt(s, R);
}

function endsInANumber(s) {
	var parts = s.split('.'), last;
	if (parts[parts.length - 1] === '') {
		if (parts.length === 1)
			return false;
		parts.pop();
	}
	last = parts[parts.length - 1];
	if (last !== '' && /^[0-9]+$/.test(last))
		return true;
	return parseIPv4Number(last) !== FAILURE;
}

function parseIPv4(s) {
	var parts = s.split('.'), nums = [], i, n, ipv4;
	if (parts[parts.length - 1] === '' && parts.length > 1)
		parts.pop();
	if (parts.length > 4)
		return FAILURE;
	for (i = 0; i < parts.length; i++) {
		n = parseIPv4Number(parts[i]);
		if (n === FAILURE)
			return FAILURE;
		nums.push(n);
	}
	for (i = 0; i < nums.length - 1; i++)
		if (nums[i] > 255)
			return FAILURE;
	if (nums[nums.length - 1] >= Math.pow(256, 5 - nums.length))
		return FAILURE;
	ipv4 = nums[nums.length - 1];
	for (i = 0; i < nums.length - 1; i++)
		ipv4 += nums[i] * Math.pow(256, 3 - i);
	return ipv4;
}

function serializeIPv4(n) {
	var out = [], i;
	for (i = 0; i < 4; i++) {
		out.unshift(String(n % 256));
		n = Math.floor(n / 256);
	}
	return out.join('.');
}

function parseIPv6(input) {
	var address = [0, 0, 0, 0, 0, 0, 0, 0], pieceIndex = 0, compress = null;
	var p = 0, cps = codePoints(input), value, length, numbersSeen;
	var ipv4Piece, number, swaps, temp;

	function at(i) { return i < cps.length ? cps[i] : undefined; }
	function isHex(x) { return x !== undefined && hexVal(x) >= 0; }
	function isDigit(x) { return x !== undefined && x >= 0x30 && x <= 0x39; }

	if (at(p) === 0x3a) {
		if (at(p + 1) !== 0x3a)
			return FAILURE;
		p += 2;
		pieceIndex++;
		compress = pieceIndex;
	}
	while (at(p) !== undefined) {
		if (pieceIndex === 8)
			return FAILURE;
		if (at(p) === 0x3a) {
			if (compress !== null)
				return FAILURE;
			p++;
			pieceIndex++;
			compress = pieceIndex;
			continue;
		}
		value = 0;
		length = 0;
		while (length < 4 && isHex(at(p))) {
			value = value * 0x10 + hexVal(at(p));
			p++;
			length++;
		}
		if (at(p) === 0x2e) {
			if (length === 0)
				return FAILURE;
			p -= length;
			if (pieceIndex > 6)
				return FAILURE;
			numbersSeen = 0;
			while (at(p) !== undefined) {
				ipv4Piece = null;
				if (numbersSeen > 0) {
					if (at(p) === 0x2e && numbersSeen < 4)
						p++;
					else
						return FAILURE;
				}
				if (!isDigit(at(p)))
					return FAILURE;
				while (isDigit(at(p))) {
					number = at(p) - 0x30;
					if (ipv4Piece === null)
						ipv4Piece = number;
					else if (ipv4Piece === 0)
						return FAILURE;
					else
						ipv4Piece = ipv4Piece * 10 + number;
					if (ipv4Piece > 255)
						return FAILURE;
					p++;
				}
				address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
				numbersSeen++;
				if (numbersSeen === 2 || numbersSeen === 4)
					pieceIndex++;
			}
			if (numbersSeen !== 4)
				return FAILURE;
			break;
		} else if (at(p) === 0x3a) {
			p++;
			if (at(p) === undefined)
				return FAILURE;
		} else if (at(p) !== undefined) {
			return FAILURE;
		}
		address[pieceIndex] = value;
		pieceIndex++;
	}
	if (compress !== null) {
		swaps = pieceIndex - compress;
		pieceIndex = 7;
		while (pieceIndex !== 0 && swaps > 0) {
			temp = address[compress + swaps - 1];
			address[compress + swaps - 1] = address[pieceIndex];
			address[pieceIndex] = temp;
			pieceIndex--;
			swaps--;
		}
	} else if (pieceIndex !== 8) {
		return FAILURE;
	}
	return address;
}

function serializeIPv6(address) {
	var out = '', best = -1, bestLen = 1, i, j, ignore0 = false;
	for (i = 0; i < 8; i++) {
		if (address[i] !== 0)
			continue;
		for (j = i; j < 8 && address[j] === 0; j++)
			;
		if (j - i > bestLen) {
			best = i;
			bestLen = j - i;
		}
		i = j;
	}
	for (i = 0; i < 8; i++) {
		if (ignore0 && address[i] === 0)
			continue;
		ignore0 = false;
		if (best === i) {
			out += i === 0 ? '::' : ':';
			ignore0 = true;
			continue;
		}
		out += address[i].toString(16);
		if (i !== 7)
			out += ':';
	}
	return '[' + out + ']';
}

function parseHost(input, isNotSpecial) {
	var domain, ascii, v4, v6;
	if (input.charAt(0) === '[') {
		if (input.charAt(input.length - 1) !== ']')
			return FAILURE;
		v6 = parseIPv6(input.slice(1, -1));
		return v6 === FAILURE ? FAILURE : serializeIPv6(v6);
	}
	if (isNotSpecial) {
		if (forbiddenHost.test(input))
			return FAILURE;
		return encodeSet(input, inC0);
	}
	domain = utf8Decode(percentDecodeBytes(input));
	ascii = domainToASCIIRaw(domain);
	if (ascii === '' || forbiddenDomain.test(ascii))
		return FAILURE;
	if (endsInANumber(ascii)) {
		v4 = parseIPv4(ascii);
		return v4 === FAILURE ? FAILURE : serializeIPv4(v4);
	}
	return ascii;
}

/* ---- the URL record and its parser --------------------------------------- */

var specialPorts = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443,
    'ws': 80, 'wss': 443 };

function isSpecialScheme(s) {
	return Object.prototype.hasOwnProperty.call(specialPorts, s);
}

function newRecord() {
	return { scheme: '', username: '', password: '', host: null, port: null,
	    path: [], opaque: false, query: null, fragment: null };
}

function copyRecord(r) {
	var c = newRecord(), k;
	for (k in r)
		c[k] = r[k];
	c.path = r.opaque ? r.path : r.path.slice();
	return c;
}

function isAlpha(c) {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWindowsDriveLetter(s, normalizedOnly) {
	return s.length === 2 && isAlpha(s.charCodeAt(0)) && (s.charAt(1) === ':' ||
	    (!normalizedOnly && s.charAt(1) === '|'));
}

function startsWithWindowsDriveLetter(cps, p) {
	if (cps.length - p < 2)
		return false;
	if (!isAlpha(cps[p]) || (cps[p + 1] !== 0x3a && cps[p + 1] !== 0x7c))
		return false;
	if (cps.length - p === 2)
		return true;
	var c = cps[p + 2];
	return c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23;
}

function shortenPath(url) {
	var path = url.path;
	if (url.scheme === 'file' && path.length === 1 &&
	    isWindowsDriveLetter(path[0], true))
		return;
	path.pop();
}

function isSingleDot(s) {
	return s === '.' || s.toLowerCase() === '%2e';
}

function isDoubleDot(s) {
	s = s.toLowerCase();
	return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
}

function hasCredentials(url) {
	return url.username !== '' || url.password !== '';
}

/*
 * The basic URL parser.  Returns a record, or FAILURE.  With url and
 * stateOverride, changes url in place (the setters) and returns url,
 * FAILURE, or undefined for "return" without change.
 */
function basicParse(input, base, url, stateOverride) {
	var cps, p, c, state, buffer = '', atSignSeen = false, insideBrackets = false;
	var passwordTokenSeen = false, i, bufferCps, host, port, special;

	if (!url) {
		url = newRecord();
		input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
	}
	input = input.replace(/[\u0009\u000a\u000d]/g, '');
	state = stateOverride || 'scheme start';
	cps = codePoints(input);
	for (p = 0; ; p++) {
		c = p < cps.length ? cps[p] : undefined;
		special = isSpecialScheme(url.scheme);
		switch (state) {
		case 'scheme start':
			if (c !== undefined && isAlpha(c)) {
				buffer += String.fromCharCode(c).toLowerCase();
				state = 'scheme';
			} else if (!stateOverride) {
				state = 'no scheme';
				p--;
			} else {
				return FAILURE;
			}
			break;
		case 'scheme':
			if (c !== undefined && (isAlpha(c) || (c >= 0x30 && c <= 0x39) ||
			    c === 0x2b || c === 0x2d || c === 0x2e)) {
				buffer += String.fromCharCode(c).toLowerCase();
			} else if (c === 0x3a) {
				if (stateOverride) {
					if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer))
						return undefined;
					if ((hasCredentials(url) || url.port !== null) &&
					    buffer === 'file')
						return undefined;
					if (url.scheme === 'file' && url.host === '')
						return undefined;
				}
				url.scheme = buffer;
				if (stateOverride) {
					if (url.port === specialPorts[url.scheme])
						url.port = null;
					return url;
				}
				buffer = '';
				if (url.scheme === 'file') {
					state = 'file';
				} else if (isSpecialScheme(url.scheme) && base &&
				    base.scheme === url.scheme) {
					state = 'special relative or authority';
				} else if (isSpecialScheme(url.scheme)) {
					state = 'special authority slashes';
				} else if (cps[p + 1] === 0x2f) {
					state = 'path or authority';
					p++;
				} else {
					url.opaque = true;
					url.path = '';
					state = 'opaque path';
				}
			} else if (!stateOverride) {
				buffer = '';
				state = 'no scheme';
				p = -1;
			} else {
				return FAILURE;
			}
			break;
		case 'no scheme':
			if (!base || (base.opaque && c !== 0x23))
				return FAILURE;
			if (base.opaque && c === 0x23) {
				url.scheme = base.scheme;
				url.path = base.path;
				url.opaque = true;
				url.query = base.query;
				url.fragment = '';
				state = 'fragment';
			} else if (base.scheme !== 'file') {
				state = 'relative';
				p--;
			} else {
				state = 'file';
				p--;
			}
			break;
		case 'special relative or authority':
			if (c === 0x2f && cps[p + 1] === 0x2f) {
				state = 'special authority ignore slashes';
				p++;
			} else {
				state = 'relative';
				p--;
			}
			break;
		case 'path or authority':
			if (c === 0x2f) {
				state = 'authority';
			} else {
				state = 'path';
				p--;
			}
			break;
		case 'relative':
			url.scheme = base.scheme;
			if (c === 0x2f) {
				state = 'relative slash';
			} else if (special && c === 0x5c) {
				state = 'relative slash';
			} else {
				url.username = base.username;
				url.password = base.password;
				url.host = base.host;
				url.port = base.port;
				url.path = base.path.slice();
				url.query = base.query;
				if (c === 0x3f) {
					url.query = '';
					state = 'query';
				} else if (c === 0x23) {
					url.fragment = '';
					state = 'fragment';
				} else if (c !== undefined) {
					url.query = null;
					shortenPath(url);
					state = 'path';
					p--;
				}
			}
			break;
		case 'relative slash':
			if (special && (c === 0x2f || c === 0x5c)) {
				state = 'special authority ignore slashes';
			} else if (c === 0x2f) {
				state = 'authority';
			} else {
				url.username = base.username;
				url.password = base.password;
				url.host = base.host;
				url.port = base.port;
				state = 'path';
				p--;
			}
			break;
		case 'special authority slashes':
			if (c === 0x2f && cps[p + 1] === 0x2f) {
				state = 'special authority ignore slashes';
				p++;
			} else {
				state = 'special authority ignore slashes';
				p--;
			}
			break;
		case 'special authority ignore slashes':
			if (c !== 0x2f && c !== 0x5c) {
				state = 'authority';
				p--;
			}
			break;
		case 'authority':
			if (c === 0x40) {
				if (atSignSeen)
					buffer = '%40' + buffer;
				atSignSeen = true;
				bufferCps = codePoints(buffer);
				for (i = 0; i < bufferCps.length; i++) {
					if (bufferCps[i] === 0x3a && !passwordTokenSeen) {
						passwordTokenSeen = true;
						continue;
					}
					if (passwordTokenSeen)
						url.password += encodeSet(fromCodePoints([bufferCps[i]]),
						    inUserinfo);
					else
						url.username += encodeSet(fromCodePoints([bufferCps[i]]),
						    inUserinfo);
				}
				buffer = '';
			} else if (c === undefined || c === 0x2f || c === 0x3f ||
			    c === 0x23 || (special && c === 0x5c)) {
				if (atSignSeen && buffer === '')
					return FAILURE;
				p -= codePoints(buffer).length + 1;
				buffer = '';
				state = 'host';
			} else {
				buffer += fromCodePoints([c]);
			}
			break;
		case 'host':
		case 'hostname':
			if (stateOverride && url.scheme === 'file') {
				p--;
				state = 'file host';
			} else if (c === 0x3a && !insideBrackets) {
				if (buffer === '')
					return FAILURE;
				if (stateOverride === 'hostname')
					return undefined;
				host = parseHost(buffer, !special);
				if (host === FAILURE)
					return FAILURE;
				url.host = host;
				buffer = '';
				state = 'port';
			} else if (c === undefined || c === 0x2f || c === 0x3f ||
			    c === 0x23 || (special && c === 0x5c)) {
				p--;
				if (special && buffer === '')
					return FAILURE;
				if (stateOverride && buffer === '' &&
				    (hasCredentials(url) || url.port !== null))
					return undefined;
				host = parseHost(buffer, !special);
				if (host === FAILURE)
					return FAILURE;
				url.host = host;
				buffer = '';
				state = 'path start';
				if (stateOverride)
					return url;
			} else {
				if (c === 0x5b)
					insideBrackets = true;
				if (c === 0x5d)
					insideBrackets = false;
				buffer += fromCodePoints([c]);
			}
			break;
		case 'port':
			if (c !== undefined && c >= 0x30 && c <= 0x39) {
				buffer += String.fromCharCode(c);
			} else if (c === undefined || c === 0x2f || c === 0x3f ||
			    c === 0x23 || (special && c === 0x5c) || stateOverride) {
				if (buffer !== '') {
					port = parseInt(buffer, 10);
					if (port > 65535)
						return FAILURE;
					url.port = specialPorts[url.scheme] === port ? null : port;
					buffer = '';
				}
				if (stateOverride)
					return url;
				state = 'path start';
				p--;
			} else {
				return FAILURE;
			}
			break;
		case 'file':
			url.scheme = 'file';
			url.host = '';
			if (c === 0x2f || c === 0x5c) {
				state = 'file slash';
			} else if (base && base.scheme === 'file') {
				url.host = base.host;
				url.path = base.path.slice();
				url.query = base.query;
				if (c === 0x3f) {
					url.query = '';
					state = 'query';
				} else if (c === 0x23) {
					url.fragment = '';
					state = 'fragment';
				} else if (c !== undefined) {
					url.query = null;
					if (!startsWithWindowsDriveLetter(cps, p))
						shortenPath(url);
					else
						url.path = [];
					state = 'path';
					p--;
				}
			} else {
				state = 'path';
				p--;
			}
			break;
		case 'file slash':
			if (c === 0x2f || c === 0x5c) {
				state = 'file host';
			} else {
				if (base && base.scheme === 'file') {
					url.host = base.host;
					if (!startsWithWindowsDriveLetter(cps, p) &&
					    base.path.length > 0 &&
					    isWindowsDriveLetter(base.path[0], true))
						url.path.push(base.path[0]);
				}
				state = 'path';
				p--;
			}
			break;
		case 'file host':
			if (c === undefined || c === 0x2f || c === 0x5c || c === 0x3f ||
			    c === 0x23) {
				p--;
				if (!stateOverride && isWindowsDriveLetter(buffer, false)) {
					state = 'path';
				} else if (buffer === '') {
					url.host = '';
					if (stateOverride)
						return url;
					state = 'path start';
				} else {
					host = parseHost(buffer, false);
					if (host === FAILURE)
						return FAILURE;
					if (host === 'localhost')
						host = '';
					url.host = host;
					if (stateOverride)
						return url;
					buffer = '';
					state = 'path start';
				}
			} else {
				buffer += fromCodePoints([c]);
			}
			break;
		case 'path start':
			if (special) {
				state = 'path';
				if (c !== 0x2f && c !== 0x5c)
					p--;
			} else if (!stateOverride && c === 0x3f) {
				url.query = '';
				state = 'query';
			} else if (!stateOverride && c === 0x23) {
				url.fragment = '';
				state = 'fragment';
			} else if (c !== undefined) {
				state = 'path';
				if (c !== 0x2f)
					p--;
			} else if (stateOverride && url.host === null) {
				url.path.push('');
			}
			break;
		case 'path':
			if (c === undefined || c === 0x2f || (special && c === 0x5c) ||
			    (!stateOverride && (c === 0x3f || c === 0x23))) {
				if (isDoubleDot(buffer)) {
					shortenPath(url);
					if (c !== 0x2f && !(special && c === 0x5c))
						url.path.push('');
				} else if (isSingleDot(buffer) && c !== 0x2f &&
				    !(special && c === 0x5c)) {
					url.path.push('');
				} else if (!isSingleDot(buffer)) {
					if (url.scheme === 'file' && url.path.length === 0 &&
					    isWindowsDriveLetter(buffer, false))
						buffer = buffer.charAt(0) + ':';
					url.path.push(buffer);
				}
				buffer = '';
				if (c === 0x3f) {
					url.query = '';
					state = 'query';
				}
				if (c === 0x23) {
					url.fragment = '';
					state = 'fragment';
				}
			} else {
				buffer += encodeSet(fromCodePoints([c]), inPath);
			}
			break;
		case 'opaque path':
			if (c === 0x3f) {
				url.query = '';
				state = 'query';
			} else if (c === 0x23) {
				url.fragment = '';
				state = 'fragment';
			} else if (c !== undefined) {
				url.path += encodeSet(fromCodePoints([c]), inC0);
			}
			break;
		case 'query':
			if ((!stateOverride && c === 0x23) || c === undefined) {
				url.query += encodeSet(buffer, special ? inSpecialQuery :
				    inQuery);
				buffer = '';
				if (c === 0x23) {
					url.fragment = '';
					state = 'fragment';
				}
			} else {
				buffer += fromCodePoints([c]);
			}
			break;
		case 'fragment':
			if (c !== undefined)
				url.fragment += encodeSet(fromCodePoints([c]), inFragment);
			break;
		}
		if (p >= cps.length)
			break;
	}
	return url;
}

function serializePath(url) {
	if (url.opaque)
		return url.path;
	var out = '', i;
	for (i = 0; i < url.path.length; i++)
		out += '/' + url.path[i];
	return out;
}

function serialize(url, excludeFragment) {
	var out = url.scheme + ':';
	if (url.host !== null) {
		out += '//';
		if (hasCredentials(url)) {
			out += url.username;
			if (url.password !== '')
				out += ':' + url.password;
			out += '@';
		}
		out += url.host;
		if (url.port !== null)
			out += ':' + url.port;
	} else if (!url.opaque && url.path.length > 1 && url.path[0] === '') {
		out += '/.';
	}
	out += serializePath(url);
	if (url.query !== null)
		out += '?' + url.query;
	if (!excludeFragment && url.fragment !== null)
		out += '#' + url.fragment;
	return out;
}

function invalidURL(input, base) {
	var e = new TypeError('Invalid URL');
	e.code = 'ERR_INVALID_URL';
	e.input = input;
	if (base !== undefined)
		e.base = base;
	return e;
}

/* ---- URL ------------------------------------------------------------------ */

function URL(input, base) {
	if (!(this instanceof URL))
		throw new TypeError("Class constructor URL cannot be invoked " +
		    "without 'new'");
	if (arguments.length === 0)
		throw errors.coded(TypeError, 'ERR_MISSING_ARGS',
		    'The "url" argument must be specified');
	input = String(input);
	var parsedBase, record;
	if (base !== undefined) {
		parsedBase = basicParse(String(base));
		if (parsedBase === FAILURE)
			throw invalidURL(input, String(base));
	}
	record = basicParse(input, parsedBase);
	if (record === FAILURE)
		throw invalidURL(input, base === undefined ? undefined : String(base));
	Object.defineProperty(this, '_url', { value: record, writable: true });
	Object.defineProperty(this, '_params', { value: undefined, writable: true });
}

URL.canParse = function (input, base) {
	try {
		/* eslint-disable-next-line no-new */
		new URL(input, base);
		return true;
	} catch (e) {
		return false;
	}
};

function accessor(name, get, set) {
	Object.defineProperty(URL.prototype, name, { get: get, set: set,
	    enumerable: true, configurable: true });
}

function updateParams(self) {
	if (self._params !== undefined)
		self._params._list = parseUrlencoded(self._url.query || '');
}

accessor('href', function () { return serialize(this._url); }, function (v) {
	var r = basicParse(String(v));
	if (r === FAILURE)
		throw invalidURL(String(v));
	this._url = r;
	updateParams(this);
});

accessor('origin', function () {
	var u = this._url, inner;
	if (u.scheme === 'blob') {
		inner = basicParse(serializePath(u));
		if (inner !== FAILURE && (inner.scheme === 'http' ||
		    inner.scheme === 'https'))
			return inner.scheme + '://' + inner.host +
			    (inner.port !== null ? ':' + inner.port : '');
		return 'null';
	}
	if (u.scheme === 'file' || !isSpecialScheme(u.scheme))
		return 'null';
	return u.scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
});

accessor('protocol', function () { return this._url.scheme + ':'; },
    function (v) {
	basicParse(String(v) + ':', undefined, this._url, 'scheme start');
});

accessor('username', function () { return this._url.username; },
    function (v) {
	var u = this._url;
	if (u.host === null || u.host === '' || u.scheme === 'file')
		return;
	u.username = encodeSet(String(v), inUserinfo);
});

accessor('password', function () { return this._url.password; },
    function (v) {
	var u = this._url;
	if (u.host === null || u.host === '' || u.scheme === 'file')
		return;
	u.password = encodeSet(String(v), inUserinfo);
});

accessor('host', function () {
	var u = this._url;
	if (u.host === null)
		return '';
	return u.port === null ? u.host : u.host + ':' + u.port;
}, function (v) {
	if (this._url.opaque)
		return;
	var copy = copyRecord(this._url);
	if (basicParse(String(v), undefined, copy, 'host') && copy !== FAILURE)
		this._url = copy;
});

accessor('hostname', function () {
	return this._url.host === null ? '' : this._url.host;
}, function (v) {
	if (this._url.opaque)
		return;
	var copy = copyRecord(this._url);
	if (basicParse(String(v), undefined, copy, 'hostname'))
		this._url = copy;
});

accessor('port', function () {
	return this._url.port === null ? '' : String(this._url.port);
}, function (v) {
	var u = this._url;
	if (u.host === null || u.host === '' || u.scheme === 'file')
		return;
	v = String(v);
	if (v === '') {
		u.port = null;
		return;
	}
	var copy = copyRecord(u);
	if (basicParse(v, undefined, copy, 'port'))
		this._url = copy;
});

accessor('pathname', function () { return serializePath(this._url); },
    function (v) {
	var u = this._url;
	if (u.opaque)
		return;
	u.path = [];
	basicParse(String(v), undefined, u, 'path start');
});

accessor('search', function () {
	var q = this._url.query;
	return q === null || q === '' ? '' : '?' + q;
}, function (v) {
	var u = this._url;
	v = String(v);
	if (v === '') {
		u.query = null;
		updateParams(this);
		return;
	}
	if (v.charAt(0) === '?')
		v = v.slice(1);
	u.query = '';
	basicParse(v, undefined, u, 'query');
	updateParams(this);
});

accessor('searchParams', function () {
	if (this._params === undefined) {
		this._params = new URLSearchParams(this._url.query || '');
		Object.defineProperty(this._params, '_owner', { value: this });
	}
	return this._params;
});

accessor('hash', function () {
	var f = this._url.fragment;
	return f === null || f === '' ? '' : '#' + f;
}, function (v) {
	var u = this._url;
	v = String(v);
	if (v === '') {
		u.fragment = null;
		return;
	}
	if (v.charAt(0) === '#')
		v = v.slice(1);
	u.fragment = '';
	basicParse(v, undefined, u, 'fragment');
});

URL.prototype.toString = function () { return this.href; };
URL.prototype.toJSON = function () { return this.href; };
Object.defineProperty(URL.prototype, 'Symbol(nodejs.util.inspect.custom)', {
	value: function () {
		var o = {}, names = ['href', 'origin', 'protocol', 'username',
		    'password', 'host', 'hostname', 'port', 'pathname', 'search',
		    'searchParams', 'hash'], i;
		for (i = 0; i < names.length; i++)
			o[names[i]] = this[names[i]];
		return 'URL ' + require('util').inspect(o);
	}
});

/* ---- URLSearchParams ------------------------------------------------------ */

function parseUrlencoded(s) {
	var list = [], parts = s.split('&'), i, at, name, value;
	for (i = 0; i < parts.length; i++) {
		if (parts[i] === '')
			continue;
		at = parts[i].indexOf('=');
		name = at === -1 ? parts[i] : parts[i].slice(0, at);
		value = at === -1 ? '' : parts[i].slice(at + 1);
		list.push([utf8Decode(percentDecodeBytes(name.replace(/\+/g, ' '))),
		    utf8Decode(percentDecodeBytes(value.replace(/\+/g, ' ')))]);
	}
	return list;
}

function serializeUrlencoded(s) {
	var bytes = utf8Bytes(s), out = '', i, b;
	for (i = 0; i < bytes.length; i++) {
		b = bytes[i];
		if (b === 0x20)
			out += '+';
		else if (b === 0x2a || b === 0x2d || b === 0x2e || b === 0x5f ||
		    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) ||
		    (b >= 0x61 && b <= 0x7a))
			out += String.fromCharCode(b);
		else
			out += pct(b);
	}
	return out;
}

function toUSV(s) {
	return fromCodePoints(codePoints(String(s)).map(function (c) {
		return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
	}));
}

function URLSearchParams(init) {
	if (!(this instanceof URLSearchParams))
		throw new TypeError("Class constructor URLSearchParams cannot be " +
		    "invoked without 'new'");
	var list = [], i, k, pair;
	if (init === undefined || init === null) {
		/* empty */
	} else if (typeof init === 'object' || typeof init === 'function') {
		if (init instanceof URLSearchParams) {
			list = init._list.map(function (p) { return p.slice(); });
		} else if (Array.isArray(init)) {
			for (i = 0; i < init.length; i++) {
				pair = init[i];
				if ((typeof pair !== 'object' || pair === null) &&
				    typeof pair !== 'function')
					throw errors.invalidArgType('Each query pair',
					    'an iterable', pair);
				if (pair.length !== 2)
					throw errors.coded(TypeError, 'ERR_INVALID_TUPLE',
					    'Each query pair must be an iterable [name, value] ' +
					    'tuple');
				list.push([toUSV(pair[0]), toUSV(pair[1])]);
			}
		} else {
			for (k in init)
				if (Object.prototype.hasOwnProperty.call(init, k))
					list.push([toUSV(k), toUSV(init[k])]);
		}
	} else {
		init = toUSV(init);
		if (init.charAt(0) === '?')
			init = init.slice(1);
		list = parseUrlencoded(init);
	}
	Object.defineProperty(this, '_list', { value: list, writable: true });
}

function updateOwner(params) {
	var owner = params._owner, s;
	if (owner === undefined)
		return;
	s = params.toString();
	owner._url.query = s === '' ? null : s;
}

function needArgs(n, len, names) {
	if (len < n)
		throw errors.coded(TypeError, 'ERR_MISSING_ARGS', 'The ' + names +
		    ' must be specified');
}

URLSearchParams.prototype.append = function (name, value) {
	needArgs(2, arguments.length, '"name" and "value" arguments');
	this._list.push([toUSV(name), toUSV(value)]);
	updateOwner(this);
};

URLSearchParams.prototype['delete'] = function (name, value) {
	needArgs(1, arguments.length, '"name" argument');
	name = toUSV(name);
	if (value !== undefined)
		value = toUSV(value);
	this._list = this._list.filter(function (p) {
		return !(p[0] === name && (value === undefined || p[1] === value));
	});
	updateOwner(this);
};

URLSearchParams.prototype.get = function (name) {
	needArgs(1, arguments.length, '"name" argument');
	name = toUSV(name);
	for (var i = 0; i < this._list.length; i++)
		if (this._list[i][0] === name)
			return this._list[i][1];
	return null;
};

URLSearchParams.prototype.getAll = function (name) {
	needArgs(1, arguments.length, '"name" argument');
	name = toUSV(name);
	return this._list.filter(function (p) { return p[0] === name; })
	    .map(function (p) { return p[1]; });
};

URLSearchParams.prototype.has = function (name, value) {
	needArgs(1, arguments.length, '"name" argument');
	name = toUSV(name);
	if (value !== undefined)
		value = toUSV(value);
	return this._list.some(function (p) {
		return p[0] === name && (value === undefined || p[1] === value);
	});
};

URLSearchParams.prototype.set = function (name, value) {
	needArgs(2, arguments.length, '"name" and "value" arguments');
	name = toUSV(name);
	value = toUSV(value);
	var found = false, out = [], i;
	for (i = 0; i < this._list.length; i++) {
		if (this._list[i][0] !== name) {
			out.push(this._list[i]);
		} else if (!found) {
			found = true;
			out.push([name, value]);
		}
	}
	if (!found)
		out.push([name, value]);
	this._list = out;
	updateOwner(this);
};

URLSearchParams.prototype.sort = function () {
	var list = this._list.map(function (p, i) { return [p, i]; });
	list.sort(function (a, b) {
		if (a[0][0] < b[0][0])
			return -1;
		if (a[0][0] > b[0][0])
			return 1;
		return a[1] - b[1];
	});
	this._list = list.map(function (x) { return x[0]; });
	updateOwner(this);
};

URLSearchParams.prototype.forEach = function (callback, thisArg) {
	errors.validateFunction(callback, 'callback');
	for (var i = 0; i < this._list.length; i++)
		callback.call(thisArg, this._list[i][1], this._list[i][0], this);
};

function iterator(list, pick) {
	var i = 0;
	return {
		next: function () {
			if (i >= list.length)
				return { value: undefined, done: true };
			return { value: pick(list[i++]), done: false };
		}
	};
}

URLSearchParams.prototype.keys = function () {
	return iterator(this._list.slice(), function (p) { return p[0]; });
};
URLSearchParams.prototype.values = function () {
	return iterator(this._list.slice(), function (p) { return p[1]; });
};
URLSearchParams.prototype.entries = function () {
	return iterator(this._list.slice(), function (p) { return p.slice(); });
};

Object.defineProperty(URLSearchParams.prototype, 'size', {
	get: function () { return this._list.length; }
});

URLSearchParams.prototype.toString = function () {
	return this._list.map(function (p) {
		return serializeUrlencoded(p[0]) + '=' + serializeUrlencoded(p[1]);
	}).join('&');
};

/* ---- the legacy API ------------------------------------------------------ */

function Url() {
	this.protocol = null;
	this.slashes = null;
	this.auth = null;
	this.host = null;
	this.port = null;
	this.hostname = null;
	this.hash = null;
	this.search = null;
	this.query = null;
	this.pathname = null;
	this.path = null;
	this.href = null;
}

var protocolPattern = /^[a-z0-9.+-]+:/i;
var portPattern = /:[0-9]*$/;
var hostPattern = /^\/\/[^@/]+@[^@/]+/;
var simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
var hostlessProtocol = { 'javascript': true, 'javascript:': true };
var unsafeProtocol = hostlessProtocol;
var slashedProtocol = { 'http': true, 'http:': true, 'https': true,
    'https:': true, 'ftp': true, 'ftp:': true, 'gopher': true, 'gopher:': true,
    'file': true, 'file:': true, 'ws': true, 'ws:': true, 'wss': true,
    'wss:': true };
var forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
var forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;
var autoEscape = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20',
    '"': '%22', "'": '%27', '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E',
    '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

function has(set, k) {
	return k !== undefined && Object.prototype.hasOwnProperty.call(set, k);
}

function isIpv6Hostname(h) {
	return h.charAt(0) === '[' && h.charAt(h.length - 1) === ']';
}

Url.prototype.parse = function (url, parseQueryString, slashesDenoteHost) {
	errors.validateString(url, 'url');
	var hasHash = false, hasAt = false, start = -1, end = -1, rest = '';
	var lastPos = 0, i, inWs = false, split = false, code, isWs;
	var proto, lowerProto, slashes, simplePath;

	for (i = 0; i < url.length; ++i) {
		code = url.charCodeAt(i);
		isWs = code < 33 || code === 0xa0 || code === 0xfeff;
		if (start === -1) {
			if (isWs)
				continue;
			lastPos = start = i;
		} else if (inWs) {
			if (!isWs) {
				end = -1;
				inWs = false;
			}
		} else if (isWs) {
			end = i;
			inWs = true;
		}
		if (!split) {
			switch (code) {
			case 0x40:
				hasAt = true;
				break;
			case 0x23:
				hasHash = true;
				split = true;
				break;
			case 0x3f:
				split = true;
				break;
			case 0x5c:
				if (i - lastPos > 0)
					rest += url.slice(lastPos, i);
				rest += '/';
				lastPos = i + 1;
				break;
			}
		} else if (!hasHash && code === 0x23) {
			hasHash = true;
		}
	}
	if (start !== -1) {
		if (lastPos === start) {
			if (end === -1)
				rest = start === 0 ? url : url.slice(start);
			else
				rest = url.slice(start, end);
		} else if (end === -1 && lastPos < url.length) {
			rest += url.slice(lastPos);
		} else if (end !== -1 && lastPos < end) {
			rest += url.slice(lastPos, end);
		}
	}
	if (!slashesDenoteHost && !hasHash && !hasAt) {
		simplePath = simplePathPattern.exec(rest);
		if (simplePath) {
			this.path = rest;
			this.href = rest;
			this.pathname = simplePath[1];
			if (simplePath[2]) {
				this.search = simplePath[2];
				this.query = parseQueryString ?
				    querystring.parse(this.search.slice(1)) :
				    this.search.slice(1);
			} else if (parseQueryString) {
				this.search = null;
				this.query = Object.create(null);
			}
			return this;
		}
	}
	proto = protocolPattern.exec(rest);
	if (proto) {
		proto = proto[0];
		lowerProto = proto.toLowerCase();
		this.protocol = lowerProto;
		rest = rest.slice(proto.length);
	}
	if (slashesDenoteHost || proto || hostPattern.test(rest)) {
		slashes = rest.charAt(0) === '/' && rest.charAt(1) === '/';
		if (slashes && !(proto && has(hostlessProtocol, lowerProto))) {
			rest = rest.slice(2);
			this.slashes = true;
		}
	}
	if (!has(hostlessProtocol, lowerProto) &&
	    (slashes || (proto && !has(slashedProtocol, proto)))) {
		var hostEnd = -1, atSign = -1, nonHost = -1;
		for (i = 0; i < rest.length; ++i) {
			switch (rest.charAt(i)) {
			case '\t': case '\n': case '\r': case ' ': case '"': case '%':
			case "'": case ';': case '<': case '>': case '\\': case '^':
			case '`': case '{': case '|': case '}':
				if (nonHost === -1)
					nonHost = i;
				break;
			case '#': case '/': case '?':
				if (nonHost === -1)
					nonHost = i;
				hostEnd = i;
				break;
			case '@':
				atSign = i;
				nonHost = -1;
				break;
			}
			if (hostEnd !== -1)
				break;
		}
		start = 0;
		if (atSign !== -1) {
			this.auth = decodeURIComponent(rest.slice(0, atSign));
			start = atSign + 1;
		}
		if (nonHost === -1) {
			this.host = rest.slice(start);
			rest = '';
		} else {
			this.host = rest.slice(start, nonHost);
			rest = rest.slice(nonHost);
		}
		this.parseHost();
		if (typeof this.hostname !== 'string')
			this.hostname = '';
		var hostname = this.hostname;
		var ipv6Hostname = isIpv6Hostname(hostname);
		if (!ipv6Hostname) {
			for (i = 0; i < hostname.length; ++i) {
				var ch = hostname.charAt(i);
				if (ch === '/' || ch === '\\' || ch === '#' || ch === '?' ||
				    ch === ':') {
					this.hostname = hostname.slice(0, i);
					rest = '/' + hostname.slice(i) + rest;
					break;
				}
			}
		}
		if (this.hostname.length > 255)
			this.hostname = '';
		else
			this.hostname = this.hostname.toLowerCase();
		if (this.hostname !== '') {
			if (ipv6Hostname) {
				if (forbiddenHostCharsIpv6.test(this.hostname))
					throw invalidURL(url);
			} else {
				this.hostname = domainToASCIIRaw(this.hostname);
				if (this.hostname === '' ||
				    forbiddenHostChars.test(this.hostname))
					throw invalidURL(url);
			}
		}
		var pt = this.port ? ':' + this.port : '';
		this.host = (this.hostname || '') + pt;
		if (ipv6Hostname) {
			this.hostname = this.hostname.slice(1, -1);
			if (rest.charAt(0) !== '/')
				rest = '/' + rest;
		}
	}
	if (!has(unsafeProtocol, lowerProto)) {
		var escaped = '';
		for (i = 0; i < rest.length; i++)
			escaped += has(autoEscape, rest.charAt(i)) ?
			    autoEscape[rest.charAt(i)] : rest.charAt(i);
		rest = escaped;
	}
	var questionIdx = -1, hashIdx = -1;
	for (i = 0; i < rest.length; ++i) {
		code = rest.charAt(i);
		if (code === '#') {
			this.hash = rest.slice(i);
			hashIdx = i;
			break;
		} else if (code === '?' && questionIdx === -1) {
			questionIdx = i;
		}
	}
	if (questionIdx !== -1) {
		if (hashIdx === -1) {
			this.search = rest.slice(questionIdx);
			this.query = rest.slice(questionIdx + 1);
		} else {
			this.search = rest.slice(questionIdx, hashIdx);
			this.query = rest.slice(questionIdx + 1, hashIdx);
		}
		if (parseQueryString)
			this.query = querystring.parse(this.query);
	} else if (parseQueryString) {
		this.search = null;
		this.query = Object.create(null);
	}
	var useQuestionIdx = questionIdx !== -1 &&
	    (hashIdx === -1 || questionIdx < hashIdx);
	var firstIdx = useQuestionIdx ? questionIdx : hashIdx;
	if (firstIdx === -1) {
		if (rest.length > 0)
			this.pathname = rest;
	} else if (firstIdx > 0) {
		this.pathname = rest.slice(0, firstIdx);
	}
	if (has(slashedProtocol, lowerProto) && this.hostname && !this.pathname)
		this.pathname = '/';
	if (this.pathname || this.search)
		this.path = (this.pathname || '') + (this.search || '');
	this.href = this.format();
	return this;
};

Url.prototype.parseHost = function () {
	var host = this.host, port = portPattern.exec(host);
	if (port) {
		port = port[0];
		if (port !== ':')
			this.port = port.slice(1);
		host = host.slice(0, host.length - port.length);
	}
	if (host)
		this.hostname = host;
};

function encodeAuth(s) {
	var out = '', i, c;
	for (i = 0; i < s.length; i++) {
		c = s.charAt(i);
		if (/[A-Za-z0-9!\-._~'()*:]/.test(c))
			out += c;
		else
			out += encodeSet(c, function () { return true; });
	}
	return out;
}

Url.prototype.format = function () {
	var auth = this.auth || '', protocol = this.protocol || '';
	var pathname = this.pathname || '', hash = this.hash || '', host = '';
	var query = '', search;
	if (auth)
		auth = encodeAuth(auth) + '@';
	if (this.host) {
		host = auth + this.host;
	} else if (this.hostname) {
		host = auth + (this.hostname.indexOf(':') !== -1 &&
		    !isIpv6Hostname(this.hostname) ? '[' + this.hostname + ']' :
		    this.hostname);
		if (this.port)
			host += ':' + this.port;
	}
	if (this.query !== null && typeof this.query === 'object')
		query = querystring.stringify(this.query);
	search = this.search || (query && ('?' + query)) || '';
	if (protocol && protocol.charAt(protocol.length - 1) !== ':')
		protocol += ':';
	pathname = pathname.replace(/[#?]/g, function (c) {
		return c === '#' ? '%23' : '%3F';
	});
	if (this.slashes || has(slashedProtocol, protocol)) {
		if (this.slashes || host) {
			if (pathname && pathname.charAt(0) !== '/')
				pathname = '/' + pathname;
			host = '//' + host;
		} else if (protocol.slice(0, 4) === 'file') {
			host = '//';
		}
	}
	search = search.replace(/#/g, '%23');
	if (hash && hash.charAt(0) !== '#')
		hash = '#' + hash;
	if (search && search.charAt(0) !== '?')
		search = '?' + search;
	return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function (relative) {
	return urlResolve(this.format(), relative);
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
	if (url instanceof Url)
		return url;
	var u = new Url();
	u.parse(url, parseQueryString, slashesDenoteHost);
	return u;
}

function urlFormat(obj, options) {
	if (typeof obj === 'string')
		obj = urlParse(obj);
	else if (typeof obj !== 'object' || obj === null)
		throw errors.invalidArgType('urlObject', 'one of type object or ' +
		    'string', obj);
	else if (obj instanceof URL) {
		var u = copyRecord(obj._url);
		if (options && options.fragment === false)
			u.fragment = null;
		if (options && options.search === false)
			u.query = null;
		if (options && options.auth === false) {
			u.username = '';
			u.password = '';
		}
		return serialize(u);
	}
	return Url.prototype.format.call(obj);
}

/*
 * url.resolve as the URL Standard resolves; a base without a scheme is
 * resolved against a stand-in origin that is then removed.
 */
function urlResolve(source, relative) {
	var dummy = 'fnpool-resolve://host', base, rel, out;
	errors.validateString(source, 'from');
	if (protocolPattern.test(source)) {
		try {
			return new URL(relative, source).href;
		} catch (e) {
			return relative;
		}
	}
	if (protocolPattern.test(relative))
		return relative;
	base = source.charAt(0) === '/' ? dummy + source : dummy + '/' + source;
	rel = new URL(relative, base);
	out = rel.href.slice(dummy.length);
	if (source.charAt(0) !== '/' && out.charAt(0) === '/' &&
	    relative.charAt(0) !== '/')
		out = out.slice(1);
	return out;
}

function fileURLToPath(path) {
	var u = typeof path === 'string' ? new URL(path) : path;
	if (!(u instanceof URL))
		throw errors.invalidArgType('path', 'of type string or an instance ' +
		    'of URL', path);
	if (u.protocol !== 'file:')
		throw errors.coded(TypeError, 'ERR_INVALID_URL_SCHEME',
		    'The URL must be of scheme file');
	if (u.hostname !== '')
		throw errors.coded(TypeError, 'ERR_INVALID_FILE_URL_HOST',
		    'File URL host must be "localhost" or empty on linux');
	if (/%2f/i.test(u.pathname))
		throw errors.coded(TypeError, 'ERR_INVALID_FILE_URL_PATH',
		    'File URL path must not include encoded / characters');
	return decodeURIComponent(u.pathname);
}

function pathToFileURL(filepath) {
	var resolved = require('path').resolve(filepath);
	if (filepath.charAt(filepath.length - 1) === '/' &&
	    resolved.charAt(resolved.length - 1) !== '/')
		resolved += '/';
	var u = new URL('file://');
	u.pathname = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C')
	    .replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
	return u;
}

exports.URL = URL;
exports.URLSearchParams = URLSearchParams;
exports.Url = Url;
exports.parse = urlParse;
exports.format = urlFormat;
exports.resolve = urlResolve;
exports.resolveObject = function (source, relative) {
	return urlParse(urlResolve(typeof source === 'string' ? source :
	    urlFormat(source), relative));
};
exports.domainToASCII = function (domain) {
	var h = parseHost(String(domain), false);
	return h === FAILURE ? '' : h;
};
exports.domainToUnicode = function (domain) {
	var h = parseHost(String(domain), false);
	if (h === FAILURE)
		return '';
	return h.split('.').map(function (l) {
		var d = l.slice(0, 4) === 'xn--' ? punyDecode(l.slice(4)) : l;
		return d === null ? l : d;
	}).join('.');
};
exports.fileURLToPath = fileURLToPath;
exports.pathToFileURL = pathToFileURL;
exports.urlToHttpOptions = function (url) {
	var o = { protocol: url.protocol, hostname: url.hostname.charAt(0) ===
	    '[' ? url.hostname.slice(1, -1) : url.hostname, hash: url.hash,
	    search: url.search, pathname: url.pathname,
	    path: (url.pathname || '') + (url.search || ''), href: url.href };
	if (url.port !== '')
		o.port = Number(url.port);
	if (url.username || url.password)
		o.auth = decodeURIComponent(url.username) + ':' +
		    decodeURIComponent(url.password);
	return o;
};
