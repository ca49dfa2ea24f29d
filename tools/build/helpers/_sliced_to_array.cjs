/*
 * fnpool build's _sliced_to_array, which the output holds in place of
 * @swc/helpers' own (resolve.js): `const [a, b] = x` and `([k, v]) =>`
 * call it.  For an array, the common case, it returns the array itself
 * in one call of a C function (fnpool:helpers' arrayOr), where
 * @swc/helpers' costs two calls of JavaScript functions (about 2,300
 * instructions on MuJS: bench/RESULTS.md); for anything else it is
 * @swc/helpers' chain, which is also what Node and an older fnpool get.
 */
"use strict";

var withHoles = require("@swc/helpers/_/_array_with_holes")._;
var limit = require("@swc/helpers/_/_iterable_to_array_limit")._;
var unsupported = require("@swc/helpers/_/_unsupported_iterable_to_array")._;
var nonIterable = require("@swc/helpers/_/_non_iterable_rest")._;
var arrayOr = null;

function _sliced_to_array(arr, i) {
	return withHoles(arr) || limit(arr, i) || unsupported(arr, i) ||
	    nonIterable();
}

try {
	arrayOr = require("fnpool:helpers").arrayOr;
} catch (e) {
	/* not fnpool, or one without fnpool:helpers */
}

exports._ = typeof arrayOr === "function" ? arrayOr(_sliced_to_array) :
    _sliced_to_array;
