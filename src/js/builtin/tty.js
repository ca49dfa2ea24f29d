/*
 * tty: a function has no terminal, so isatty() is always false (debug
 * and colour libraries ask it).
 */
'use strict';

exports.isatty = function () { return false; };

function unavailable() {
	throw new Error('tty streams are not available in fnpool functions');
}
exports.ReadStream = unavailable;
exports.WriteStream = unavailable;
