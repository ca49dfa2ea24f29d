/*
 * stream: a small version of Node's streams, enough for packages that
 * subclass Stream or pipe a few chunks through Readable, Writable,
 * Duplex, Transform and PassThrough.  Chunks flow as in Node (data,
 * end, finish and close events; back-pressure is not modelled: write()
 * always returns true); events that Node emits on a later tick come from
 * a microtask.  No object-mode limits, no highWaterMark, no async
 * iteration.
 */
'use strict';

var EE = require('events');
var util = require('util');

function tick(fn, self, a, b) {
	queueMicrotask(function () { fn.call(self, a, b); });
}

/* the legacy Stream: an EventEmitter with pipe() */
function Stream(opts) {
	EE.call(this, opts);
}
util.inherits(Stream, EE);

Stream.prototype.pipe = function (dest, options) {
	var source = this;
	function ondata(chunk) {
		if (dest.writable && dest.write(chunk) === false && source.pause)
			source.pause();
	}
	source.on('data', ondata);
	function ondrain() {
		if (source.readable && source.resume)
			source.resume();
	}
	dest.on('drain', ondrain);
	if (!options || options.end !== false) {
		source.on('end', function () { dest.end(); });
	}
	dest.emit('pipe', source);
	return dest;
};

function chunkOf(self, chunk, encoding) {
	if (self._objectMode || typeof chunk !== 'string')
		return chunk;
	return Buffer.from(chunk, encoding);
}

/* ---- Readable ---------------------------------------------------------- */

function Readable(options) {
	if (!(this instanceof Readable))
		return new Readable(options);
	Stream.call(this, options);
	options = options || {};
	this._objectMode = !!(options.objectMode || options.readableObjectMode);
	this._buffer = [];
	this._flowing = null;
	this._ended = false;
	this._endEmitted = false;
	this._reading = false;
	this._encoding = null;
	this._decoder = null;
	this.readable = true;
	this.destroyed = false;
	if (typeof options.read === 'function')
		this._read = options.read;
	if (typeof options.destroy === 'function')
		this._destroy = options.destroy;
}
util.inherits(Readable, Stream);

Readable.prototype._read = function () {
	throw require('internal/errors').coded(Error,
	    'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
};

Readable.prototype.push = function (chunk, encoding) {
	if (chunk === null) {
		this._ended = true;
		this._reading = false;
		maybeFlow(this);
		return false;
	}
	this._reading = false;
	this._buffer.push(chunkOf(this, chunk, encoding));
	maybeFlow(this);
	return true;
};

Readable.prototype.unshift = function (chunk) {
	this._buffer.unshift(chunkOf(this, chunk));
};

function decoded(self, chunk) {
	if (self._decoder && typeof chunk !== 'string')
		return self._decoder.write(chunk);
	return chunk;
}

function maybeFlow(self) {
	if (self._scheduled)
		return;
	self._scheduled = true;
	tick(flow, self);
}

function flow() {
	this._scheduled = false;
	if (this.destroyed)
		return;
	if (this._flowing) {
		while (this._flowing && this._buffer.length > 0)
			this.emit('data', decoded(this, this._buffer.shift()));
	}
	if (this._buffer.length === 0 && this._ended) {
		if (!this._endEmitted && this._flowing !== false) {
			this._endEmitted = true;
			this.readable = false;
			this.emit('end');
			if (this._autoClose !== false)
				this.emit('close');
		}
		return;
	}
	if (this._flowing && !this._ended && !this._reading) {
		this._reading = true;
		this._read();
	}
}

Readable.prototype.read = function () {
	if (this._buffer.length === 0) {
		if (!this._ended && !this._reading) {
			this._reading = true;
			this._read();
		}
		if (this._buffer.length === 0) {
			if (this._ended)
				maybeFlow(this);
			return null;
		}
	}
	var chunk = this._objectMode ? this._buffer.shift() :
	    this._buffer.length === 1 ? this._buffer.shift() :
	    concat(this._buffer.splice(0, this._buffer.length));
	if (this._buffer.length === 0 && this._ended)
		maybeFlow(this);
	return decoded(this, chunk);
};

function concat(list) {
	if (typeof list[0] === 'string')
		return list.join('');
	return Buffer.concat(list);
}

Readable.prototype.on = function (ev, fn) {
	var res = Stream.prototype.on.call(this, ev, fn);
	if (ev === 'data' && this._flowing !== false)
		this.resume();
	else if (ev === 'readable')
		maybeFlow(this);
	return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.resume = function () {
	this._flowing = true;
	maybeFlow(this);
	return this;
};

Readable.prototype.pause = function () {
	this._flowing = false;
	return this;
};

Readable.prototype.isPaused = function () {
	return this._flowing === false;
};

Readable.prototype.setEncoding = function (enc) {
	var SD = require('string_decoder').StringDecoder;
	this._decoder = new SD(enc);
	this._encoding = this._decoder.encoding;
	return this;
};

Readable.prototype.destroy = function (err) {
	var self = this;
	if (this.destroyed)
		return this;
	this.destroyed = true;
	this.readable = false;
	this._destroy(err || null, function (e) {
		if (e)
			tick(function () { self.emit('error', e); });
		tick(function () { self.emit('close'); });
	});
	return this;
};

Readable.prototype._destroy = function (err, cb) {
	cb(err);
};

Readable.from = function (iterable, options) {
	var items = Array.isArray(iterable) ? iterable.slice() :
	    typeof iterable === 'string' ? [iterable] : [iterable];
	var opts = { objectMode: true };
	for (var k in options)
		opts[k] = options[k];
	var r = new Readable(opts);
	r._read = function () {
		this.push(items.length > 0 ? items.shift() : null);
	};
	return r;
};

/* ---- Writable ---------------------------------------------------------- */

function Writable(options) {
	if (!(this instanceof Writable))
		return new Writable(options);
	Stream.call(this, options);
	initWritable(this, options);
}
util.inherits(Writable, Stream);

function initWritable(self, options) {
	options = options || {};
	self._writableObjectMode = !!(options.objectMode ||
	    options.writableObjectMode);
	self._decodeStrings = options.decodeStrings !== false;
	self._queue = [];
	self._writing = false;
	self._ending = false;
	self._finished = false;
	self.writable = true;
	if (typeof options.write === 'function')
		self._write = options.write;
	if (typeof options.writev === 'function')
		self._writev = options.writev;
	if (typeof options.final === 'function')
		self._final = options.final;
	if (typeof options.destroy === 'function')
		self._destroy = options.destroy;
}

Writable.prototype._write = function () {
	throw require('internal/errors').coded(Error,
	    'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
};

Writable.prototype.write = function (chunk, encoding, cb) {
	if (typeof encoding === 'function') {
		cb = encoding;
		encoding = undefined;
	}
	if (this._ending) {
		var err = require('internal/errors').coded(Error,
		    'ERR_STREAM_WRITE_AFTER_END', 'write after end');
		var self = this;
		tick(function () {
			if (cb)
				cb(err);
			self.emit('error', err);
		});
		return false;
	}
	if (typeof chunk === 'string' && this._decodeStrings &&
	    !this._writableObjectMode) {
		chunk = Buffer.from(chunk, encoding);
		encoding = 'buffer';
	}
	this._queue.push([chunk, encoding || (typeof chunk === 'string' ?
	    'utf8' : 'buffer'), cb]);
	writeNext(this);
	return true;
};

function writeNext(self) {
	if (self._writing)
		return;
	if (self._queue.length === 0) {
		if (self._ending && !self._finished)
			finish(self);
		return;
	}
	var item = self._queue.shift();
	self._writing = true;
	var sync = true;
	self._write(item[0], item[1], function (err) {
		function done() {
			self._writing = false;
			if (item[2])
				item[2](err);
			if (err) {
				self.emit('error', err);
				return;
			}
			if (self._queue.length === 0 && !self._ending)
				self.emit('drain');
			writeNext(self);
		}
		if (sync)
			tick(done);
		else
			done();
	});
	sync = false;
}

function finish(self) {
	self._finished = true;
	function done(err) {
		if (err) {
			self.emit('error', err);
			return;
		}
		self.writable = false;
		self.emit('finish');
		if (self._autoClose !== false)
			self.emit('close');
	}
	if (typeof self._final === 'function')
		self._final(function (err) { tick(done, self, err); });
	else
		tick(done, self);
}

Writable.prototype.end = function (chunk, encoding, cb) {
	if (typeof chunk === 'function') {
		cb = chunk;
		chunk = undefined;
	} else if (typeof encoding === 'function') {
		cb = encoding;
		encoding = undefined;
	}
	if (chunk !== undefined && chunk !== null)
		this.write(chunk, encoding);
	if (cb)
		this.once('finish', cb);
	if (!this._ending) {
		this._ending = true;
		writeNext(this);
	}
	return this;
};

Writable.prototype.cork = function () {};
Writable.prototype.uncork = function () {};
Writable.prototype.setDefaultEncoding = function () { return this; };
Writable.prototype.destroy = Readable.prototype.destroy;
Writable.prototype._destroy = Readable.prototype._destroy;

/* ---- Duplex, Transform, PassThrough ------------------------------------ */

function Duplex(options) {
	if (!(this instanceof Duplex))
		return new Duplex(options);
	Readable.call(this, options);
	initWritable(this, options);
	if (options && options.allowHalfOpen === false)
		this.once('end', this.end);
}
util.inherits(Duplex, Readable);
['write', 'end', 'cork', 'uncork', 'setDefaultEncoding', '_write'].forEach(
    function (m) { Duplex.prototype[m] = Writable.prototype[m]; });

function Transform(options) {
	if (!(this instanceof Transform))
		return new Transform(options);
	Duplex.call(this, options);
	if (options && typeof options.transform === 'function')
		this._transform = options.transform;
	if (options && typeof options.flush === 'function')
		this._flush = options.flush;
	this._read = function () {};
}
util.inherits(Transform, Duplex);

Transform.prototype._transform = function () {
	throw require('internal/errors').coded(Error,
	    'ERR_METHOD_NOT_IMPLEMENTED',
	    'The _transform() method is not implemented');
};

Transform.prototype._write = function (chunk, encoding, cb) {
	var self = this;
	this._transform(chunk, encoding, function (err, data) {
		if (err) {
			cb(err);
			return;
		}
		if (data !== undefined && data !== null)
			self.push(data);
		cb();
	});
};

Transform.prototype._final = function (cb) {
	var self = this;
	function end(err, data) {
		if (err) {
			cb(err);
			return;
		}
		if (data !== undefined && data !== null)
			self.push(data);
		self.push(null);
		cb();
	}
	if (typeof this._flush === 'function')
		this._flush(end);
	else
		end();
};

function PassThrough(options) {
	if (!(this instanceof PassThrough))
		return new PassThrough(options);
	Transform.call(this, options);
}
util.inherits(PassThrough, Transform);
PassThrough.prototype._transform = function (chunk, encoding, cb) {
	cb(null, chunk);
};

/* ---- helpers ---------------------------------------------------------- */

function finished(stream, opts, callback) {
	if (typeof opts === 'function') {
		callback = opts;
		opts = {};
	}
	var called = false;
	function done(err) {
		if (!called) {
			called = true;
			callback.call(stream, err);
		}
	}
	stream.on('end', function () { done(); });
	stream.on('finish', function () { done(); });
	stream.on('error', done);
	return function () {};
}

function pipeline() {
	var streams = Array.prototype.slice.call(arguments), callback, i;
	if (typeof streams[streams.length - 1] === 'function')
		callback = streams.pop();
	if (Array.isArray(streams[0]))
		streams = streams[0];
	var called = false;
	function done(err) {
		if (!called && callback) {
			called = true;
			callback(err);
		}
	}
	for (i = 0; i < streams.length; i++) {
		streams[i].on('error', done);
		if (i + 1 < streams.length)
			streams[i].pipe(streams[i + 1]);
	}
	finished(streams[streams.length - 1], function (err) { done(err); });
	return streams[streams.length - 1];
}

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.finished = finished;
Stream.pipeline = pipeline;
module.exports = Stream;
