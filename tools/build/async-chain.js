/*
 * async-chain: an async function without loops or try statements around
 * its awaits, lowered as a Promise chain rather than as a generator.
 * SWC's state machine for one
 *
 *	switch(_state.label){
 *	case 0:  S0; return [4, E0];
 *	case 1:  x = _state.sent(); S1; return [2, R];
 *	}
 *
 * is, case by case, the code between two awaits; lean-async.js has made
 * the wrapper's variables the function's own.  Here each case after the
 * first becomes the callback of the await before it, as one writes it
 * by hand with then():
 *
 *	try {
 *	    S0; return H.wait(void 0, E0, function (_value) { var y;
 *	    x = _value; S1; return R;
 *	}); } catch (_error) { return H.fail(void 0, _error); }
 *
 * H.wait subscribes the callback to E0's outcome as await does, for the
 * function's promise, which the first H.wait makes (a later one is given
 * it, kept in a variable _promise of the function): the callback's return value resolves it as the
 * generator's return would, what it throws or E0's rejection rejects it
 * (no try statement is around the await), and a callback that waits
 * again returns the promise itself and leaves it pending.  So the
 * function's promise settles as the generator's would, at the same
 * microtask.  this is the function's this in every case, and the
 * variables only one later case uses are its callback's own (MuJS keeps
 * those of a function without closures on its stack, where those of the
 * function are properties of an object it makes at each call).  A
 * callback is not called for a rejection, where the generator would
 * throw at sent(): the same only where sent() comes first in its case,
 * so a state machine with anything else (a try statement's trys, a jump
 * between cases, a sent() later in a case, a break out of the switch)
 * keeps the generator.  Lines and columns keep their places, so SWC's
 * source map stays right.
 */
'use strict';

const { isIdent, uses, breaksOf } = require('./ast.js');

const FUNCTION = new Set(['FunctionExpression', 'FunctionDeclaration']);
const LOOP = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement',
    'WhileStatement', 'DoWhileStatement', 'SwitchStatement']);

/* The elements of `return [op, ...]` in the state machine, or null. */
function instruction(stmt) {
	const a = stmt.type === 'ReturnStatement' ? stmt.argument : null;
	if (!a || a.type !== 'ArrayExpression' || a.elements.length < 1 ||
	    a.elements.length > 2 ||
	    a.elements.some((e) => !e || e.spread) ||
	    a.elements[0].expression.type !== 'NumericLiteral')
		return null;
	return a.elements.map((e) => e.expression);
}

/* Is node state.sent()? */
function isSent(node, state) {
	return node.type === 'CallExpression' && node.arguments.length === 0 &&
	    node.callee.type === 'MemberExpression' &&
	    isIdent(node.callee.object, state) &&
	    isIdent(node.callee.property, 'sent');
}

/*
 * Walks the statements of a case outside functions of their own, calling
 * visit(node, loops) with how many loops or switches hold node; returns
 * false as soon as visit does.  visit's null: not into that node.
 */
function walk(node, visit, loops) {
	if (node === null || typeof node !== 'object')
		return true;
	if (Array.isArray(node))
		return node.every((n) => walk(n, visit, loops));
	const v = node.type ? visit(node, loops) : true;
	if (v === false)
		return false;
	if (v === null || FUNCTION.has(node.type))
		return true;
	const inner = LOOP.has(node.type) ? loops + 1 : loops;
	return Object.keys(node).every((k) => k === 'span' ||
	    walk(node[k], visit, inner));
}

/*
 * Is sent() the first thing node evaluates, before any call, getter,
 * assignment or read of a variable (which could throw a ReferenceError)?
 */
function leadsWith(node, state) {
	if (!node)
		return false;
	if (isSent(node, state))
		return true;
	switch (node.type) {
	case 'ParenthesisExpression':
		return leadsWith(node.expression, state);
	case 'AssignmentExpression':
		return node.left.type === 'Identifier' &&
		    leadsWith(node.right, state);
	case 'BinaryExpression':
	case 'LogicalExpression':
		return leadsWith(node.left, state);
	case 'ConditionalExpression':
		return leadsWith(node.test, state);
	case 'SequenceExpression':
		return leadsWith(node.expressions[0], state);
	case 'MemberExpression':
		return leadsWith(node.object, state);
	case 'UnaryExpression':
		return node.operator !== 'delete' && leadsWith(node.argument, state);
	case 'CallExpression':
		return leadsWith(node.callee, state);
	default:
		return false;
	}
}

/* Does the case's first statement take sent() before anything else? */
function sentFirst(stmt, state) {
	if (stmt.type === 'ReturnStatement') {
		const op = instruction(stmt);
		return op !== null && op.length === 2 && op[0].value === 2 &&
		    leadsWith(op[1], state);
	}
	return stmt.type === 'ExpressionStatement' &&
	    leadsWith(stmt.expression, state);
}

/*
 * The parts of the body if its state machine can be a chain, or null:
 * cases (each case's statements), awaits (the [4, E] return ending each
 * case but the last), returns ([2, R] ones, with their case), sents and
 * thises (nodes to replace).
 */
function analyse(body, self) {
	if (body.params.length !== 1 || body.params[0].pat.type !== 'Identifier')
		return null;
	const state = body.params[0].pat.value;
	const stmts = body.body.stmts;
	const sw = stmts.length === 1 ? stmts[0] : null;
	if (!sw || sw.type !== 'SwitchStatement' ||
	    sw.discriminant.type !== 'MemberExpression' ||
	    !isIdent(sw.discriminant.object, state) ||
	    !isIdent(sw.discriminant.property, 'label') || sw.cases.length < 2)
		return null;
	const parts = { sw, cases: [], awaits: [], returns: [], sents: [],
	    thises: [] };
	for (let k = 0; k < sw.cases.length; k++) {
		const c = sw.cases[k];
		if (!c.test || c.test.type !== 'NumericLiteral' ||
		    c.test.value !== k || c.consequent.length === 0 ||
		    !stage(parts, c.consequent, k, k === sw.cases.length - 1,
		    state, self))
			return null;
		parts.cases.push(c.consequent);
	}
	return parts;
}

/* Checks case k's statements, adding what they hold to parts. */
function stage(parts, stmts, k, last, state, self) {
	const labels = new Set();
	let sents = 0;
	if (!last) {
		const op = instruction(stmts[stmts.length - 1]);
		if (op === null || op.length !== 2 || op[0].value !== 4)
			return false;
		parts.awaits.push({ stmt: stmts[stmts.length - 1], value: op[1] });
	}
	if (k > 0 && !sentFirst(stmts[0], state))
		return false;
	const ok = stmts.every((s, i) => s.type !== 'FunctionDeclaration' &&
	    walk(s, (n, loops) => {
		if (n.type === 'LabeledStatement')
			labels.add(n.label.value);
		if ((n.type === 'BreakStatement' || n.type === 'ContinueStatement') &&
		    (n.label ? !labels.has(n.label.value) : loops === 0))
			return false;
		if (n.type === 'VariableDeclaration' || isIdent(n, 'arguments'))
			return false;
		if (n.type === 'ThisExpression') {
			parts.thises.push(n);
			return self === 'this';
		}
		if (isSent(n, state)) {
			parts.sents.push(n);
			sents++;
			return null;
		}
		if (isIdent(n, state))
			return false;	/* _state.label, _state.trys, ... */
		if (n.type === 'ReturnStatement' &&
		    !(i === stmts.length - 1 && !last))
			return returned(parts, n, k);
		return true;
	}, 0));
	return ok && sents === (k > 0 ? 1 : 0);
}

/* A [2] or [2, R] return of case k. */
function returned(parts, stmt, k) {
	const op = instruction(stmt);
	if (op === null || op[0].value !== 2)
		return false;
	parts.returns.push({ stmt, value: op.length === 2 ? op[1] : null, k });
	return true;
}

/* A name that no identifier of the text has. */
function fresh(code, name) {
	let n = name, i = 1;
	while (new RegExp('\\b' + n.replace(/\$/g, '\\$') + '\\b').test(code))
		n = name + i++;
	return n;
}

/* The names that the nodes hold as identifiers (keys too). */
function identifiers(node, into) {
	uses(node, (n) => {
		if (n.type === 'Identifier')
			into.add(n.value);
		return false;
	});
	return into;
}

/*
 * The variables of the wrapper's declaration (decl, in rest, its other
 * statements) that one case after the first alone names, by case: those
 * can be that callback's own.
 */
function caseVariables(decl, rest, cases) {
	const own = cases.map(() => []);
	if (decl === null)
		return own;
	const elsewhere = identifiers(rest.filter((s) => s !== decl), new Set());
	const named = cases.map((c) => identifiers(c, new Set()));
	for (const d of decl.declarations) {
		const name = d.id.value;
		const where = named.map((set, k) => set.has(name) ? k : -1)
		    .filter((k) => k >= 0);
		if (!elsewhere.has(name) && where.length === 1 && where[0] > 0)
			own[where[0]].push(name);
	}
	return own;
}

/*
 * The edits that lower m's state machine as a chain, or null when its
 * body does not allow it: m.last is the wrapper's last statement,
 * `return _ts_generator._(this, BODY);`, and m.inner the wrapper.  H is
 * the name of the module of _async_to_generator.
 */
function chainEdits(bytes, code, m, H) {
	const body = m.gen.arguments[1].expression;
	const parts = analyse(body, m.self);
	if (parts === null)
		return null;
	const P = fresh(code, '_promise'), V = fresh(code, '_value');
	const E = fresh(code, '_error');
	const T = parts.thises.length > 0 ? fresh(code, '_self') : null;
	const at = (node) => [node.span.start - 1, node.span.end - 1];
	const edits = [];
	/* before, the line breaks, then after at the column of what follows */
	const gap = (from, to, before, after = '') => {
		const breaks = breaksOf(bytes, from, to, true);
		const trim = breaks.replace(/ {0,}$/, (sp) =>
		    ' '.repeat(Math.max(sp.length - after.length, 0)));
		edits.push([from, to, before + (breaks === '' ? '' : trim) +
		    after]);
	};
	const rest = m.inner.body.stmts.slice(0, -1);
	/* SWC's declaration of the function's variables: no initializers */
	const decls = rest.filter((s) => s.type === 'VariableDeclaration' &&
	    s.declarations.every((d) => !d.init && d.id.type === 'Identifier'));
	const decl = decls.length === 1 ? decls[0] : null;
	const own = caseVariables(decl, rest, parts.cases);
	const moved = new Set(own.flat());

	if (moved.size > 0) {
		const kept = decl.declarations.map((d) => d.id.value)
		    .filter((n) => !moved.has(n));
		gap(at(decl)[0], at(decl)[1], kept.length > 0 ?
		    'var ' + kept.join(', ') + ';' : '');
	}
	/* the promise: made by the first wait, named where a later one needs it */
	const many = parts.awaits.length > 1;
	gap(at(m.last)[0], at(parts.cases[0][0])[0], (many ? 'var ' + P + '; ' :
	    '') + (T ? 'var ' + T + ' = this; ' : '') + 'try {');
	parts.awaits.forEach((a, k) => {
		gap(at(a.stmt)[0], at(a.value)[0], 'return ' + (k === 0 ?
		    (many ? P + ' = ' : '') + H + '.wait(void 0, ' : H + '.wait(' +
		    P + ', '));
		gap(at(a.value)[1], at(parts.cases[k + 1][0])[0],
		    ', function (' + V + ') {' + (own[k + 1].length > 0 ?
		    ' var ' + own[k + 1].join(', ') + ';' : ''));
	});
	for (const r of parts.returns) {
		const done = r.k === 0 ? H + '.done(void 0' : null;
		if (r.value === null) {
			gap(at(r.stmt)[0], at(r.stmt)[1], done ? 'return ' + done +
			    ');' : 'return;');
			continue;
		}
		gap(at(r.stmt)[0], at(r.value)[0], '', 'return ' + (done ?
		    done + ', ' : ''));
		gap(at(r.value)[1], at(r.stmt)[1], done ? ');' : ';');
	}
	for (const s of parts.sents)
		gap(at(s)[0], at(s)[1], V);
	for (const t of parts.thises)
		gap(at(t)[0], at(t)[1], T);
	const stages = parts.awaits.length;
	const end = parts.cases[stages][parts.cases[stages].length - 1];
	gap(at(end)[1], at(m.last)[1], ' });'.repeat(stages) + ' } catch (' +
	    E + ') { return ' + H + '.fail(void 0, ' + E + '); }');
	return edits;
}

module.exports = { chainEdits };
