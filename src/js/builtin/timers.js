/*
 * timers: the global timer functions as a module, and timers/promises.
 * They are the request's timers (docs/functions.md): there is no
 * setInterval, and timer ids are numbers rather than Timeout objects.
 */
'use strict';

var errors = require('internal/errors');

exports.setTimeout = function () {
	return setTimeout.apply(undefined, arguments);
};
exports.clearTimeout = function (id) {
	return clearTimeout(id);
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
