/*
 * timers: the global timer functions as a module, and timers/promises.
 * They are the request's timers (docs/functions.md): an interval lives
 * as long as the request (and its ctx.waitUntil work), timer ids are
 * numbers rather than Timeout objects, and timers/promises has no
 * setInterval iterator.
 */
'use strict';

var errors = require('internal/errors');

exports.setTimeout = function () {
	return setTimeout.apply(undefined, arguments);
};
exports.clearTimeout = function (id) {
	return clearTimeout(id);
};
exports.setInterval = function () {
	return setInterval.apply(undefined, arguments);
};
exports.clearInterval = function (id) {
	return clearInterval(id);
};
exports.setImmediate = function () {
	return setImmediate.apply(undefined, arguments);
};
exports.clearImmediate = function (id) {
	return clearImmediate(id);
};

exports.promises = {
	setTimeout: function (delay, value) {
		if (delay !== undefined)
			errors.validateNumber(delay, 'delay');
		return new Promise(function (resolve) {
			setTimeout(resolve, delay, value);
		});
	},
	setImmediate: function (value) {
		return new Promise(function (resolve) {
			setImmediate(resolve, value);
		});
	}
};
