/*
 * fnpool build's _to_consumable_array, which the output holds in place
 * of @swc/helpers' own (resolve.js): [...x], f(...x) and new F(...x)
 * call it.  fnpool has it in C, fnpool:helpers' spread: one call of a C
 * function where @swc/helpers' costs three calls of JavaScript functions
 * and a copy loop (bench/RESULTS.md, "What compiled code costs per
 * request").  Where fnpool:helpers is missing (Node, an older fnpool),
 * it is @swc/helpers' own.
 */
"use strict";

var spread = null;
try {
	spread = require("fnpool:helpers").spread;
} catch (e) {
	/* not fnpool, or one without fnpool:helpers */
}

function swcHelper() {
	var withoutHoles = require("@swc/helpers/_/_array_without_holes")._;
	var iterableToArray = require("@swc/helpers/_/_iterable_to_array")._;
	var unsupported = require("@swc/helpers/_/_unsupported_iterable_to_array")._;
	var nonIterable = require("@swc/helpers/_/_non_iterable_spread")._;

	return function _to_consumable_array(arr) {
		return withoutHoles(arr) || iterableToArray(arr) ||
		    unsupported(arr) || nonIterable();
	};
}

exports._ = spread || swcHelper();
