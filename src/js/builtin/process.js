/*
 * process: Node's process object, as far as it makes sense in a function:
 * env is the pool's env.* settings (a copy per function state), cwd() is
 * the functions root, nextTick queues a microtask (Node runs its ticks
 * before promise jobs; here they share one queue), stdout and stderr
 * write to the log.  Listeners (process.on) are accepted and never
 * called: a function's process does not exit, and its errors are the
 * request's.  version is the Node API level fnpool follows.
 */
'use strict';

var errors = require('internal/errors');
var process = module.exports;

process.title = 'fnpool';
process.version = 'v20.0.0';
process.versions = { node: '20.0.0', fnpool: native.fnpool,
    mujs: native.mujs, openssl: native.openssl };
process.arch = native.arch;
process.platform = 'linux';
process.release = { name: 'node' };
process.argv = ['fnpool'];
process.execArgv = [];
process.argv0 = 'fnpool';
process.execPath = 'fnpool';
process.pid = native.pid;
process.ppid = native.ppid;
process.env = native.env();
process.exitCode = undefined;
process.config = { variables: {} };
process.features = {};
process.browser = undefined;

process.cwd = function () { return native.cwd(); };
process.chdir = function () {
	throw errors.coded(TypeError, 'ERR_WORKER_UNSUPPORTED_OPERATION',
	    'process.chdir() is not supported in fnpool functions');
};
process.exit = process.abort = process.reallyExit = function () {
	throw new Error('process.exit() is not available in fnpool functions: ' +
	    'return from the handler or throw instead');
};
process.uptime = function () { return native.uptime(); };
process.umask = function () { return 18; };

process.nextTick = function (callback) {
	errors.validateFunction(callback, 'callback');
	var args = Array.prototype.slice.call(arguments, 1);
	queueMicrotask(function () { callback.apply(undefined, args); });
};

process.hrtime = function (time) {
	var now = native.hrtime(), s, ns;
	if (time === undefined)
		return now;
	if (!Array.isArray(time))
		throw errors.invalidArgType('time', 'an instance of Array', time);
	if (time.length !== 2)
		throw errors.coded(RangeError, 'ERR_OUT_OF_RANGE', 'The value of ' +
		    '"time" is out of range. It must be 2. Received ' + time.length);
	s = now[0] - time[0];
	ns = now[1] - time[1];
	if (ns < 0) {
		s -= 1;
		ns += 1e9;
	}
	return [s, ns];
};
if (typeof BigInt === 'function') {
	process.hrtime.bigint = function () {
		var t = native.hrtime();
		/* global BigInt */
		return BigInt(t[0]) * BigInt(1e9) + BigInt(t[1]);
	};
}

process.emitWarning = function (warning, type, code) {
	if (typeof type === 'object' && type !== null) {
		code = type.code;
		type = type.type;
	}
	var name = warning instanceof Error ? warning.name :
	    typeof type === 'string' ? type : 'Warning';
	var msg = warning instanceof Error ? warning.message : String(warning);
	console.warn((code ? '[' + code + '] ' : '') + name + ': ' + msg);
};

/* process is an EventEmitter; events is loaded on the first listener */
var emitter;

function ee() {
	if (emitter === undefined)
		emitter = new (require('events'))();
	return emitter;
}

['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners',
    'prependListener', 'prependOnceListener', 'setMaxListeners'].forEach(
    function (name) {
	process[name] = function () {
		var e = ee();
		e[name].apply(e, arguments);
		return process;
	};
});
['emit', 'listeners', 'rawListeners', 'listenerCount', 'eventNames',
    'getMaxListeners'].forEach(function (name) {
	process[name] = function () {
		var e = ee();
		return e[name].apply(e, arguments);
	};
});

function stream(fd, log) {
	return {
		fd: fd,
		isTTY: false,
		writable: true,
		write: function (chunk, encoding, callback) {
			if (typeof encoding === 'function')
				callback = encoding;
			var s = typeof chunk === 'string' ? chunk :
			    Buffer.from(chunk).toString('utf8');
			if (s.charAt(s.length - 1) === '\n')
				s = s.slice(0, -1);
			log(s);
			if (typeof callback === 'function')
				process.nextTick(callback);
			return true;
		},
		end: function () {},
		on: function () { return this; },
		once: function () { return this; },
		removeListener: function () { return this; }
	};
}
process.stdout = stream(1, function (s) { console.log(s); });
process.stderr = stream(2, function (s) { console.error(s); });
