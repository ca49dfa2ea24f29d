/*
 * events: Node's EventEmitter.  Listeners are kept as Node keeps them
 * (one function, or an array for several) in this._events, so packages
 * that peek at _events still work.  No Symbol: there is no errorMonitor
 * and no captureRejections; eventNames() lists names in MuJS's key order.
 */
'use strict';

var errors = require('internal/errors');

function EventEmitter(opts) {
	EventEmitter.init.call(this, opts);
}

var defaultMaxListeners = 10;

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
	enumerable: true,
	get: function () { return defaultMaxListeners; },
	set: function (n) {
		if (typeof n !== 'number' || n < 0 || n !== n)
			throw errors.outOfRange('defaultMaxListeners',
			    'a non-negative number', n);
		defaultMaxListeners = n;
	}
});

EventEmitter.init = function () {
	if (this._events === undefined ||
	    this._events === Object.getPrototypeOf(this)._events) {
		this._events = Object.create(null);
		this._eventsCount = 0;
	}
	this._maxListeners = this._maxListeners || undefined;
};

function checkListener(listener) {
	errors.validateFunction(listener, 'listener');
}

EventEmitter.prototype.setMaxListeners = function (n) {
	if (typeof n !== 'number' || n < 0 || n !== n)
		throw errors.outOfRange('n', 'a non-negative number', n);
	this._maxListeners = n;
	return this;
};

function maxListeners(that) {
	return that._maxListeners === undefined ? defaultMaxListeners :
	    that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function () {
	return maxListeners(this);
};

EventEmitter.prototype.emit = function (type) {
	var events = this._events, handler, args, i, n, er, err;

	if (type === 'error' && (events === undefined ||
	    events.error === undefined)) {
		er = arguments[1];
		if (er instanceof Error)
			throw er;
		err = new Error('Unhandled error. (' + errors.inspect(er) + ')');
		err.code = 'ERR_UNHANDLED_ERROR';
		err.context = er;
		throw err;
	}
	if (events === undefined)
		return false;
	handler = events[type];
	if (handler === undefined)
		return false;
	args = Array.prototype.slice.call(arguments, 1);
	if (typeof handler === 'function') {
		handler.apply(this, args);
	} else {
		handler = handler.slice();
		for (i = 0, n = handler.length; i < n; i++)
			handler[i].apply(this, args);
	}
	return true;
};

function addListener(target, type, listener, prepend) {
	var events, existing, m, w;

	checkListener(listener);
	events = target._events;
	if (events === undefined) {
		events = target._events = Object.create(null);
		target._eventsCount = 0;
	} else {
		if (events.newListener !== undefined) {
			target.emit('newListener', type,
			    listener.listener ? listener.listener : listener);
			events = target._events;
		}
		existing = events[type];
	}
	if (existing === undefined) {
		events[type] = listener;
		target._eventsCount++;
	} else {
		if (typeof existing === 'function')
			existing = events[type] = prepend ? [listener, existing] :
			    [existing, listener];
		else if (prepend)
			existing.unshift(listener);
		else
			existing.push(listener);
		m = maxListeners(target);
		if (m > 0 && existing.length > m && !existing.warned) {
			existing.warned = true;
			w = 'MaxListenersExceededWarning: Possible EventEmitter ' +
			    'memory leak detected. ' + existing.length + ' ' +
			    String(type) + ' listeners added to [' +
			    (errors.fnName(target.constructor) || 'EventEmitter') +
			    ']. Use emitter.setMaxListeners() to increase limit';
			console.warn(w);
		}
	}
	return target;
}

EventEmitter.prototype.addListener = function (type, listener) {
	return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function (type, listener) {
	return addListener(this, type, listener, true);
};

function onceWrapper() {
	if (!this.fired) {
		this.target.removeListener(this.type, this.wrapFn);
		this.fired = true;
		return this.listener.apply(this.target, arguments);
	}
}

function onceWrap(target, type, listener) {
	var state = { fired: false, wrapFn: undefined, target: target,
	    type: type, listener: listener };
	var wrapped = onceWrapper.bind(state);
	wrapped.listener = listener;
	state.wrapFn = wrapped;
	return wrapped;
}

EventEmitter.prototype.once = function (type, listener) {
	checkListener(listener);
	this.on(type, onceWrap(this, type, listener));
	return this;
};

EventEmitter.prototype.prependOnceListener = function (type, listener) {
	checkListener(listener);
	this.prependListener(type, onceWrap(this, type, listener));
	return this;
};

EventEmitter.prototype.removeListener = function (type, listener) {
	var events, list, position, i;

	checkListener(listener);
	events = this._events;
	if (events === undefined)
		return this;
	list = events[type];
	if (list === undefined)
		return this;
	if (list === listener || list.listener === listener) {
		if (--this._eventsCount === 0)
			this._events = Object.create(null);
		else
			delete events[type];
		if (events.removeListener)
			this.emit('removeListener', type, list.listener || listener);
	} else if (typeof list !== 'function') {
		position = -1;
		for (i = list.length - 1; i >= 0; i--) {
			if (list[i] === listener || list[i].listener === listener) {
				position = i;
				break;
			}
		}
		if (position < 0)
			return this;
		if (position === 0)
			list.shift();
		else
			list.splice(position, 1);
		if (list.length === 1)
			events[type] = list[0];
		if (events.removeListener !== undefined)
			this.emit('removeListener', type, listener);
	}
	return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function (type) {
	var events = this._events, listeners, keys, i, key;

	if (events === undefined)
		return this;
	if (events.removeListener === undefined) {
		if (arguments.length === 0) {
			this._events = Object.create(null);
			this._eventsCount = 0;
		} else if (events[type] !== undefined) {
			if (--this._eventsCount === 0)
				this._events = Object.create(null);
			else
				delete events[type];
		}
		return this;
	}
	if (arguments.length === 0) {
		keys = Object.keys(events);
		for (i = 0; i < keys.length; i++) {
			key = keys[i];
			if (key !== 'removeListener')
				this.removeAllListeners(key);
		}
		this.removeAllListeners('removeListener');
		this._events = Object.create(null);
		this._eventsCount = 0;
		return this;
	}
	listeners = events[type];
	if (typeof listeners === 'function') {
		this.removeListener(type, listeners);
	} else if (listeners !== undefined) {
		for (i = listeners.length - 1; i >= 0; i--)
			this.removeListener(type, listeners[i]);
	}
	return this;
};

function listeners(target, type, unwrap) {
	var events = target._events, l, out, i;

	if (events === undefined)
		return [];
	l = events[type];
	if (l === undefined)
		return [];
	if (typeof l === 'function')
		return unwrap ? [l.listener || l] : [l];
	out = [];
	for (i = 0; i < l.length; i++)
		out.push(unwrap ? l[i].listener || l[i] : l[i]);
	return out;
}

EventEmitter.prototype.listeners = function (type) {
	return listeners(this, type, true);
};

EventEmitter.prototype.rawListeners = function (type) {
	return listeners(this, type, false);
};

function listenerCount(type) {
	var events = this._events, l;

	if (events !== undefined) {
		l = events[type];
		if (typeof l === 'function')
			return 1;
		if (l !== undefined)
			return l.length;
	}
	return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.listenerCount = function (emitter, type) {
	if (typeof emitter.listenerCount === 'function')
		return emitter.listenerCount(type);
	return listenerCount.call(emitter, type);
};

EventEmitter.prototype.eventNames = function () {
	return this._eventsCount > 0 ? Object.keys(this._events) : [];
};

EventEmitter.getEventListeners = function (emitter, type) {
	return emitter.listeners(type);
};

/* once(emitter, name): a Promise of the arguments of the next event */
EventEmitter.once = function (emitter, name) {
	return new Promise(function (resolve, reject) {
		function errorListener(err) {
			emitter.removeListener(name, resolver);
			reject(err);
		}
		function resolver() {
			if (name !== 'error')
				emitter.removeListener('error', errorListener);
			resolve(Array.prototype.slice.call(arguments));
		}
		emitter.once(name, resolver);
		if (name !== 'error')
			emitter.once('error', errorListener);
	});
};

module.exports = EventEmitter;
