/*
 * fnpool build's _to_array, which the output holds in place of
 * @swc/helpers' own (resolve.js): `const [first, ...rest] = x` calls it.
 * For an array, the common case, it returns the array itself in one call
 * of a C function (fnpool:helpers' arrayOr), where @swc/helpers' costs
 * two calls of JavaScript functions; for anything else it is
 * @swc/helpers' chain, which is also what Node and an older fnpool get.
 */
"use strict";

var withHoles = require("@swc/helpers/_/_array_with_holes")._;
var iterable = require("@swc/helpers/_/_iterable_to_array")._;
var unsupported = require("@swc/helpers/_/_unsupported_iterable_to_array")._;
var nonIterable = require("@swc/helpers/_/_non_iterable_rest")._;
var arrayOr = null;

function _to_array(arr) {
	return withHoles(arr) || iterable(arr) || unsupported(arr) ||
	    nonIterable();
}

try {
	arrayOr = require("fnpool:helpers").arrayOr;
} catch (e) {
	/* not fnpool, or one without fnpool:helpers */
}

exports._ = typeof arrayOr === "function" ? arrayOr(_to_array) : _to_array;
