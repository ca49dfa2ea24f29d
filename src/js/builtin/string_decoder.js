/*
 * string_decoder: Node's StringDecoder, which keeps the bytes of a
 * character cut between two chunks until the next write().  Invalid
 * UTF-8 gives one U+FFFD per bad byte (Buffer's rule here).
 */
'use strict';

var errors = require('internal/errors');

function normalizeEncoding(enc) {
	var e = enc === undefined || enc === null || enc === '' ? 'utf8' :
	    String(enc).toLowerCase();
	switch (e) {
	case 'utf8': case 'utf-8':
		return 'utf8';
	case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le':
		return 'utf16le';
	case 'latin1': case 'binary':
		return 'latin1';
	case 'base64': case 'base64url': case 'ascii': case 'hex':
		return e;
	}
	throw errors.coded(TypeError, 'ERR_UNKNOWN_ENCODING',
	    'Unknown encoding: ' + enc);
}

function StringDecoder(encoding) {
	this.encoding = normalizeEncoding(encoding);
	this.lastNeed = 0;
	this.lastTotal = 0;
	this.lastChar = Buffer.alloc(4);
	switch (this.encoding) {
	case 'utf16le':
		this.text = utf16Text;
		this.end = utf16End;
		break;
	case 'utf8':
		this.fillLast = utf8FillLast;
		break;
	case 'base64':
	case 'base64url':
		this.text = base64Text;
		this.end = base64End;
		break;
	default:
		this.write = simpleWrite;
		this.end = simpleEnd;
	}
}

function asBuffer(buf) {
	if (typeof buf === 'string')
		return buf;
	if (typeof buf !== 'object' || buf === null || !ArrayBuffer.isView(buf))
		throw errors.invalidArgType('buf', 'an instance of Buffer, ' +
		    'TypedArray, or DataView', buf);
	return Buffer.isBuffer(buf) ? buf :
	    Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

StringDecoder.prototype.write = function (buf) {
	var r, i;
	buf = asBuffer(buf);
	if (typeof buf === 'string')
		return buf;
	if (buf.length === 0)
		return '';
	if (this.lastNeed) {
		r = this.fillLast(buf);
		if (r === undefined)
			return '';
		i = this.lastNeed;
		this.lastNeed = 0;
	} else {
		i = 0;
	}
	if (i < buf.length)
		return r ? r + this.text(buf, i) : this.text(buf, i);
	return r || '';
};

StringDecoder.prototype.end = function (buf) {
	var r = buf !== undefined && buf.length ? this.write(buf) : '';
	if (this.lastNeed) {
		this.lastNeed = 0;
		return r + '\ufffd';
	}
	return r;
};

StringDecoder.prototype.text = function (buf, i) {
	var total = utf8CheckIncomplete(this, buf, i), end;
	if (!this.lastNeed)
		return buf.toString('utf8', i);
	this.lastTotal = total;
	end = buf.length - (total - this.lastNeed);
	buf.copy(this.lastChar, 0, end);
	return buf.toString('utf8', i, end);
};

StringDecoder.prototype.fillLast = function (buf) {
	if (this.lastNeed <= buf.length) {
		buf.copy(this.lastChar, this.lastTotal - this.lastNeed, 0,
		    this.lastNeed);
		return this.lastChar.toString(this.encoding, 0, this.lastTotal);
	}
	buf.copy(this.lastChar, this.lastTotal - this.lastNeed, 0, buf.length);
	this.lastNeed -= buf.length;
};

function utf8CheckByte(b) {
	if (b <= 0x7f)
		return 0;
	if (b >> 5 === 0x06)
		return 2;
	if (b >> 4 === 0x0e)
		return 3;
	if (b >> 3 === 0x1e)
		return 4;
	return b >> 6 === 0x02 ? -1 : -2;
}

function utf8CheckIncomplete(self, buf, i) {
	var j = buf.length - 1, nb;
	if (j < i)
		return 0;
	nb = utf8CheckByte(buf[j]);
	if (nb >= 0) {
		if (nb > 0)
			self.lastNeed = nb - 1;
		return nb;
	}
	if (--j < i || nb === -2)
		return 0;
	nb = utf8CheckByte(buf[j]);
	if (nb >= 0) {
		if (nb > 0)
			self.lastNeed = nb - 2;
		return nb;
	}
	if (--j < i || nb === -2)
		return 0;
	nb = utf8CheckByte(buf[j]);
	if (nb >= 0) {
		if (nb > 0) {
			if (nb === 2)
				nb = 0;
			else
				self.lastNeed = nb - 3;
		}
		return nb;
	}
	return 0;
}

function utf8CheckExtraBytes(self, buf) {
	if ((buf[0] & 0xc0) !== 0x80) {
		self.lastNeed = 0;
		return '\ufffd';
	}
	if (self.lastNeed > 1 && buf.length > 1) {
		if ((buf[1] & 0xc0) !== 0x80) {
			self.lastNeed = 1;
			return '\ufffd';
		}
		if (self.lastNeed > 2 && buf.length > 2 &&
		    (buf[2] & 0xc0) !== 0x80) {
			self.lastNeed = 2;
			return '\ufffd';
		}
	}
}

function utf8FillLast(buf) {
	var p = this.lastTotal - this.lastNeed, r = utf8CheckExtraBytes(this, buf);
	if (r !== undefined)
		return r;
	if (this.lastNeed <= buf.length) {
		buf.copy(this.lastChar, p, 0, this.lastNeed);
		return this.lastChar.toString(this.encoding, 0, this.lastTotal);
	}
	buf.copy(this.lastChar, p, 0, buf.length);
	this.lastNeed -= buf.length;
}

function utf16Text(buf, i) {
	var r, c;
	if ((buf.length - i) % 2 === 0) {
		r = buf.toString('utf16le', i);
		if (r) {
			c = r.charCodeAt(r.length - 1);
			if (c >= 0xd800 && c <= 0xdbff) {
				this.lastNeed = 2;
				this.lastTotal = 4;
				this.lastChar[0] = buf[buf.length - 2];
				this.lastChar[1] = buf[buf.length - 1];
				return r.slice(0, -1);
			}
		}
		return r;
	}
	this.lastNeed = 1;
	this.lastTotal = 2;
	this.lastChar[0] = buf[buf.length - 1];
	return buf.toString('utf16le', i, buf.length - 1);
}

function utf16End(buf) {
	var r = buf !== undefined && buf.length ? this.write(buf) : '';
	if (this.lastNeed) {
		var end = this.lastTotal - this.lastNeed;
		this.lastNeed = 0;
		return r + this.lastChar.toString('utf16le', 0, end);
	}
	return r;
}

function base64Text(buf, i) {
	var n = (buf.length - i) % 3;
	if (n === 0)
		return buf.toString(this.encoding, i);
	this.lastNeed = 3 - n;
	this.lastTotal = 3;
	if (n === 1) {
		this.lastChar[0] = buf[buf.length - 1];
	} else {
		this.lastChar[0] = buf[buf.length - 2];
		this.lastChar[1] = buf[buf.length - 1];
	}
	return buf.toString(this.encoding, i, buf.length - n);
}

function base64End(buf) {
	var r = buf !== undefined && buf.length ? this.write(buf) : '';
	if (this.lastNeed) {
		var n = 3 - this.lastNeed;
		this.lastNeed = 0;
		return r + this.lastChar.toString(this.encoding, 0, n);
	}
	return r;
}

function simpleWrite(buf) {
	buf = asBuffer(buf);
	return typeof buf === 'string' ? buf : buf.toString(this.encoding);
}

function simpleEnd(buf) {
	return buf !== undefined && buf.length ? this.write(buf) : '';
}

exports.StringDecoder = StringDecoder;
