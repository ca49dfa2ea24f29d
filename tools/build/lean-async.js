/*
 * lean-async: a leaner form of SWC's lowering of an async function.
 * SWC makes each call of one run
 *
 *	function f(x) {
 *	    return _async_to_generator._(function() {
 *	        var a, b;
 *	        return _ts_generator._(this, function(_state) { BODY });
 *	    }).call(this);	(or `})()`, or `}).apply(this, arguments)`)
 *	}
 *
 * which makes two functions and calls three before BODY starts: on MuJS,
 * where making a function costs about 4,500 instructions and calling one
 * 2,500, that is much of what an async function costs beyond its promise
 * (bench/RESULTS.md, "What compiled code costs per request").  Where
 * that return statement is all the function around it does, the inner
 * function is unwrapped:
 *
 *	function f(x) {
 *	        var a, b;
 *	        return _async_to_generator.run(this, function(_state) { BODY });
 *	}
 *
 * which means the same: the inner function's declarations become the
 * outer one's, which only the outer one's parameters could tell (a
 * function where one has the name of a declaration keeps SWC's form), and
 * its this and arguments the outer one's, which are the same when it is
 * called with .call(this) or .apply(this, arguments) (else it must not
 * use them).  Only the wrapper's own text goes, and each line keeps its
 * line, so SWC's source map stays right.  fnpool's run is a native
 * (src/js/asyncfn.c); Node's takes @swc/helpers' steps.
 */
'use strict';

const { isIdent, uses, breaksOf } = require('./ast.js');
const { chainEdits } = require('./async-chain.js');

const HELPER = /\bvar (\w+) = require\("[^"]*\/(_async_to_generator|_ts_generator)(?:\.c?js)?"\);/g;

/* The names the module gives the two helpers, or null. */
function helperNames(code) {
	const names = {};
	let m;

	HELPER.lastIndex = 0;
	while ((m = HELPER.exec(code)) !== null)
		names[m[2]] = m[1];
	return names._async_to_generator && names._ts_generator ? names : null;
}

function plainArgs(node) {
	return node.arguments.every((a) => !a.spread);
}

/* Is node `name._(...)` with n arguments, none spread? */
function isHelperCall(node, name, n) {
	return Boolean(node) && node.type === 'CallExpression' &&
	    node.callee.type === 'MemberExpression' &&
	    isIdent(node.callee.object, name) &&
	    isIdent(node.callee.property, '_') &&
	    node.arguments.length === n && plainArgs(node);
}

function isPlainFunction(node) {
	return Boolean(node) && node.type === 'FunctionExpression' &&
	    !node.identifier && !node.async && !node.generator;
}

/*
 * How the wrapper is called: { wrap, self, args } for W(), W.call(this)
 * and W.apply(this, arguments) (args: the inner function gets the outer
 * one's arguments), or null.
 */
function callForm(call) {
	if (call.type !== 'CallExpression' || !plainArgs(call))
		return null;
	const a = call.arguments.map((x) => x.expression);
	if (a.length === 0)
		return { wrap: call.callee, self: 'void 0', args: false };
	const callee = call.callee;
	if (callee.type !== 'MemberExpression' || a.length < 1 ||
	    a[0].type !== 'ThisExpression')
		return null;
	if (isIdent(callee.property, 'call') && a.length === 1)
		return { wrap: callee.object, self: 'this', args: false };
	if (isIdent(callee.property, 'apply') && a.length === 2 &&
	    isIdent(a[1], 'arguments'))
		return { wrap: callee.object, self: 'this', args: true };
	return null;
}

/* The names the statements declare with var and function. */
function declared(stmts) {
	const names = [];
	for (const s of stmts) {
		if (s.type === 'FunctionDeclaration')
			names.push(s.identifier.value);
		else if (s.type === 'VariableDeclaration')
			for (const d of s.declarations)
				names.push(...patternNames(d.id));
	}
	return names;
}

function patternNames(pat) {
	const names = [];
	uses(pat, (n) => {
		if (n.type === 'Identifier')
			names.push(n.value);
		return false;
	});
	return names;
}

/*
 * The parts of fn's body if it is one return statement of SWC's form
 * that can be unwrapped, or null: ret (the statement), inner (the
 * wrapped function), gen (its `_ts_generator._(this, BODY)` call) and
 * self.
 */
function match(fn, names) {
	const stmts = fn.body ? fn.body.stmts : [];
	const ret = stmts.length === 1 ? stmts[0] : null;
	if (!ret || ret.type !== 'ReturnStatement' || !ret.argument)
		return null;
	const form = callForm(ret.argument);
	if (form === null || !isHelperCall(form.wrap, names._async_to_generator, 1))
		return null;
	const inner = form.wrap.arguments[0].expression;
	if (!isPlainFunction(inner) || inner.params.length !== 0)
		return null;
	const body = inner.body.stmts;
	const last = body[body.length - 1];
	if (!last || last.type !== 'ReturnStatement' ||
	    !isHelperCall(last.argument, names._ts_generator, 2) ||
	    last.argument.arguments[0].expression.type !== 'ThisExpression' ||
	    !isPlainFunction(last.argument.arguments[1].expression))
		return null;
	const rest = body.slice(0, -1);
	if (!form.args && uses(rest, (n) => isIdent(n, 'arguments')))
		return null;
	if (form.self !== 'this' && uses(rest, (n) => n.type === 'ThisExpression'))
		return null;
	const params = new Set(fn.params.flatMap((p) => patternNames(p.pat)));
	if (declared(rest).some((n) => params.has(n) || n === 'arguments'))
		return null;
	return { ret, inner, last, gen: last.argument, self: form.self };
}

/* Every function in node whose body can be unwrapped, as its match. */
function collect(node, names, out) {
	if (node === null || typeof node !== 'object')
		return;
	if (Array.isArray(node)) {
		for (const n of node)
			collect(n, names, out);
		return;
	}
	if (node.type === 'FunctionDeclaration' ||
	    node.type === 'FunctionExpression') {
		const m = match(node, names);
		if (m !== null)
			out.push(m);
	}
	for (const key of Object.keys(node))
		if (key !== 'span')
			collect(node[key], names, out);
}

/*
 * The edits that unwrap m, as [from, to, text] byte ranges (SWC's spans
 * count from 1): the head up to the inner function's brace, the tail
 * after it, and BODY's call: a chain (async-chain.js) where BODY allows
 * it, else `_ts_generator._(this, ` made `H.run(self, `.
 */
function edits(bytes, code, m, names) {
	const H = names._async_to_generator;
	const head = [m.ret.span.start - 1, m.inner.body.span.start];
	const tail = [m.inner.body.span.end - 2, m.ret.span.end - 1];
	const body = m.gen.arguments[1].expression;
	const chain = chainEdits(bytes, code, m, H);
	const call = [m.gen.span.start - 1, body.span.start - 1];
	return [
		[head[0], head[1], breaksOf(bytes, head[0], head[1])],
		[tail[0], tail[1], breaksOf(bytes, tail[0], tail[1])],
	].concat(chain !== null ? chain : [[call[0], call[1], H + '.run(' +
	    m.self + ', ' + breaksOf(bytes, call[0], call[1])]]);
}

/* code with every async function that allows it unwrapped. */
function leanAsync(swc, code) {
	const names = helperNames(code);
	if (names === null)
		return code;
	const found = [];
	collect(swc.parseSync(code, { syntax: 'ecmascript' }).body, names,
	    found);
	if (found.length === 0)
		return code;
	const bytes = Buffer.from(code);
	const all = found.flatMap((m) => edits(bytes, code, m, names))
	    .sort((a, b) => a[0] - b[0]);
	const parts = [];
	let at = 0;
	for (const [from, to, text] of all) {
		parts.push(bytes.subarray(at, from), Buffer.from(text));
		at = to;
	}
	parts.push(bytes.subarray(at));
	return Buffer.concat(parts).toString('utf8');
}

module.exports = { leanAsync };
