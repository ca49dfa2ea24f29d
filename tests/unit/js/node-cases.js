// node-cases.js: what crypto-cases.js and builtin-cases.js share.  Each
// case is an ES5 expression; Node evaluates it with the runner below and
// the result becomes the expected string of a C table, which
// test_crypto.c and test_builtin.c hold between their "@generated"
// markers (CI has no Node).  The runner's own source goes into
// node-runner.h, which the tables include, so that fnpool evaluates each
// case exactly as Node did:
//
//   node tests/unit/js/crypto-cases.js --update tests/unit/js/test_crypto.c
//
// A Promise is awaited: 'resolves ...' or 'rejects ...'.  Values print
// as ASCII ('string ...', 'Buffer <hex>', 'object <JSON, keys sorted>').
'use strict';

/* eslint-disable no-var */
function esc(s) {
	var out = '', i, c;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		out += c >= 0x20 && c < 0x7f && c !== 0x5c ? s.charAt(i) :
		    '\\u' + ('000' + c.toString(16)).slice(-4);
	}
	return out;
}

/* JSON's quotes, surrogates left as they are: MuJS's JSON.stringify
   writes a character outside the BMP as two escapes, Node's as itself */
function quote(s) {
	var out = '"', i, c;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		out += c >= 0xd800 && c < 0xe000 ? s.charAt(i) :
		    JSON.stringify(s.charAt(i)).slice(1, -1);
	}
	return out + '"';
}

function stable(v) {
	if (Array.isArray(v))
		return '[' + v.map(stable).join(',') + ']';
	if (v !== null && typeof v === 'object')
		return '{' + Object.keys(v).sort().map(function (k) {
			return quote(k) + ':' + stable(v[k]);
		}).join(',') + '}';
	if (typeof v === 'string')
		return quote(v);
	if (typeof v === 'bigint')	/* Node's publicExponent; a number here */
		return String(v);
	return String(JSON.stringify(v));
}

function show(v) {
	if (v instanceof ArrayBuffer)
		return 'ArrayBuffer ' + Buffer.from(v).toString('hex');
	if (Buffer.isBuffer(v))
		return 'Buffer ' + v.toString('hex');
	if (v !== null && typeof v === 'object' && ArrayBuffer.isView(v))
		return 'view ' + Array.prototype.join.call(v, ',');
	if (typeof v === 'string')
		return 'string ' + esc(v);
	if (v !== null && typeof v === 'object')
		return 'object ' + esc(stable(v));
	return typeof v + ' ' + String(v);
}

function showErr(e) {
	if (e === null || typeof e !== 'object')
		return 'value ' + String(e);
	return e.name + (e.code !== undefined ? ' [' + e.code + ']' : '') + ': ' +
	    esc(String(e.message));
}

function runCase(expr) {
	var v;
	try {
		v = Function('return (' + expr + '\n);')();
	} catch (e) {
		return 'throws ' + showErr(e);
	}
	if (v !== null && typeof v === 'object' && typeof v.then === 'function')
		return v.then(function (x) { return 'resolves ' + show(x); },
		    function (e) { return 'rejects ' + showErr(e); });
	return show(v);
}

/* A C string literal of s (its UTF-8 bytes), split at newlines. */
function cstring(s) {
	var bytes = Buffer.from(s, 'utf8'), out = '"', i, b;
	for (i = 0; i < bytes.length; i++) {
		b = bytes[i];
		if (b === 0x5c || b === 0x22)
			out += '\\' + String.fromCharCode(b);
		else if (b === 0x0a)
			out += i + 1 < bytes.length ? '\\n"\n\t    "' : '\\n';
		else if (b === 0x3f)
			out += '\\?';
		else if (b >= 0x20 && b < 0x7f)
			out += String.fromCharCode(b);
		else
			out += '\\' + ('00' + b.toString(8)).slice(-3);
	}
	return out + '"';
}

/*
 * Evaluates the cases with the globals given (K, require, ...), then
 * writes the C block: the runner, the prelude (JS defining the globals
 * the cases use) and the table, and what extra(runCase, cstring) adds
 * (more tables), if given.  The prelude runs as global code, as
 * js_dostring runs it in fnpool, so that its functions are globals.
 */
async function generate(cases, prelude, globals, extra) {
	var out = [], i, got, k;
	for (k in globals)
		globalThis[k] = globals[k];
	(0, eval)(prelude);
	for (i = 0; i < cases.length; i++) {
		got = await runCase(cases[i]);
		out.push('\t{ ' + cstring(cases[i]) + ',\n\t    ' + cstring(got) +
		    ' },');
	}
	return '/* @generated begin: by node ' + process.version + ' */\n' +
	    '#include "node-runner.h"\n' +
	    'static const char prelude_js[] =\n\t' + cstring(prelude + '\n') +
	    ';\nstatic const struct node_case cases[] = {\n' +
	    out.join('\n') + '\n};\n' +
	    (extra ? await extra(runCase, cstring) : '') + '/* @generated end */';
}

/* The runner's source as C, which node-runner.h holds for every table. */
function runnerBlock() {
	var runner = [esc, quote, stable, show, showErr, runCase].map(String)
	    .join('\n');
	return '/* @generated begin */\nstatic const char runner_js[] =\n\t' +
	    cstring(runner + '\n') + ';\n/* @generated end */';
}

/* Puts block between file's @generated markers. */
function update(file, block) {
	var fs = require('fs'), text = fs.readFileSync(file, 'utf8');
	var a = text.indexOf('/* @generated begin'),
	    b = text.indexOf('/* @generated end */');
	if (a === -1 || b === -1)
		throw new Error(file + ': no @generated markers');
	fs.writeFileSync(file, text.slice(0, a) + block +
	    text.slice(b + '/* @generated end */'.length));
}

/*
 * Prints the block, or with --update FILE puts it between the markers,
 * and the runner into node-runner.h beside FILE.
 */
async function main(cases, prelude, globals, extra) {
	var block = await generate(cases, prelude, globals, extra);
	var path = require('path');
	var at = process.argv.indexOf('--update'), file;
	if (at === -1) {
		process.stdout.write(block + '\n');
		return;
	}
	file = process.argv[at + 1];
	update(file, block);
	update(path.join(path.dirname(file), 'node-runner.h'), runnerBlock());
}

module.exports = { main: main, esc: esc };
