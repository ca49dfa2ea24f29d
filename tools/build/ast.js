/*
 * ast: what lean-async.js and async-chain.js ask of SWC's syntax trees
 * (spans count a module's bytes from 1).
 */
'use strict';

function isIdent(node, name) {
	return Boolean(node) && node.type === 'Identifier' && node.value === name;
}

/*
 * Does test hold for node or a node inside it, outside functions of
 * their own?
 */
function uses(node, test) {
	if (node === null || typeof node !== 'object')
		return false;
	if (Array.isArray(node))
		return node.some((n) => uses(n, test));
	if (test(node))
		return true;
	if (node.type === 'FunctionExpression' ||
	    node.type === 'FunctionDeclaration')
		return false;
	return Object.keys(node).some((k) => k !== 'span' && uses(node[k], test));
}

/*
 * Line breaks alone, as many as the bytes from..to hold; with indent,
 * then spaces to the column of to, so that what follows keeps its line
 * and column.
 */
function breaksOf(bytes, from, to, indent) {
	let s = '', i, column;
	for (i = from; i < to; i++)
		if (bytes[i] === 0x0a)
			s += '\n';
	if (!indent || s === '')
		return s;
	for (column = 0; to - column > 0 && bytes[to - column - 1] !== 0x0a; )
		column++;
	return s + ' '.repeat(column);
}

module.exports = { isIdent, uses, breaksOf };
