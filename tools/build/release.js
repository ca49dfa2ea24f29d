/*
 * release: a built tree written to a fresh directory beside DEST, then
 * DEST (a symlink) re-pointed to it with one rename(2), the swap of
 * docs/deploy.md: a running pool sees the old tree or the new one, never
 * half of one.  The releases live in .NAME.releases/ next to DEST; the
 * newest KEEP stay, so a request that started on an older one finishes
 * on it and rolling back is one `mv -T`.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const { BuildError } = require('./compile');

const KEEP = 3;

let sequence = 0;

function releasesDir(dest) {
	return path.join(path.dirname(dest), '.' + path.basename(dest) +
	    '.releases');
}

/* DEST must be a symlink or absent: a directory cannot be swapped. */
function checkDest(dest) {
	let st;
	try {
		st = fs.lstatSync(dest);
	} catch (e) {
		if (e.code === 'ENOENT')
			return;
		throw new BuildError(dest + ': ' + e.message);
	}
	if (!st.isSymbolicLink())
		throw new BuildError(dest + ' exists and is not a symlink: ' +
		    'fnpool build switches DEST atomically by re-pointing a ' +
		    'symlink (docs/deploy.md); move it away or give a new path');
}

function releaseName() {
	const t = new Date().toISOString().replace(/[:.]/g, '-');
	return t + '-' + process.pid + '-' + (++sequence);
}

function writeTree(dir, files) {
	const made = new Set();
	for (const [rel, data] of files) {
		const target = path.join(dir, rel);
		const parent = path.dirname(target);
		if (!made.has(parent)) {
			fs.mkdirSync(parent, { recursive: true });
			made.add(parent);
		}
		fs.writeFileSync(target, data);
	}
}

function prune(releases, current) {
	const names = fs.readdirSync(releases).filter((n) =>
	    !n.startsWith('.')).sort();
	for (const n of names.slice(0, Math.max(0, names.length - KEEP)))
		if (n !== current)
			fs.rmSync(path.join(releases, n), { recursive: true,
			    force: true });
}

/*
 * Writes files (a Map of relative path to contents) as a new release
 * and points dest at it.  Returns the release's path.
 */
function publish(dest, files) {
	dest = path.resolve(dest);
	checkDest(dest);
	const releases = releasesDir(dest);
	const name = releaseName();
	const dir = path.join(releases, name);
	const partial = path.join(releases, '.' + name);
	const link = path.join(path.dirname(dest), '.' +
	    path.basename(dest) + '.new-' + process.pid);

	fs.mkdirSync(partial, { recursive: true });
	try {
		writeTree(partial, files);
		fs.renameSync(partial, dir);
	} catch (e) {
		fs.rmSync(partial, { recursive: true, force: true });
		throw new BuildError(releases + ': ' + e.message);
	}
	fs.rmSync(link, { force: true });
	fs.symlinkSync(path.relative(path.dirname(dest), dir), link);
	fs.renameSync(link, dest);
	prune(releases, name);
	return dir;
}

module.exports = { publish, checkDest };
