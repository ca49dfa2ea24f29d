#!/usr/bin/env python3
"""promcheck: a strict checker of the Prometheus text exposition format
(version 0.0.4), for tests (promtool is not packaged small enough).

    promcheck.py FILE      exit 0 when valid, else 1 with the errors

Checks: line syntax (names, labels, escapes, values), HELP and TYPE at
most once per family and TYPE before its samples, each family's samples
together, no duplicate series, counters not negative, histograms with
increasing le, cumulative buckets, +Inf equal to _count, and a _sum.
"""
import math
import re
import sys

NAME = r'[a-zA-Z_:][a-zA-Z0-9_:]*'
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*'
VALUE = r'[^"\\\n]*(?:\\[\\"n][^"\\\n]*)*'
SAMPLE = re.compile(r'^(%s)(?:\{((?:%s="%s")(?:,%s="%s")*)?,?\})? (\S+)(?: (-?[0-9]+))?$'
                    % (NAME, LABEL, VALUE, LABEL, VALUE))
PAIR = re.compile(r'(%s)="(%s)"' % (LABEL, VALUE))
TYPES = {'counter', 'gauge', 'histogram', 'summary', 'untyped'}


def number(s):
    if s in ('+Inf', 'Inf'):
        return math.inf
    if s == '-Inf':
        return -math.inf
    if s == 'NaN':
        return math.nan
    if not re.fullmatch(r'[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?', s):
        raise ValueError(s)
    return float(s)


def family_of(name, types):
    for suffix in ('_bucket', '_sum', '_count'):
        base = name[:-len(suffix)]
        if name.endswith(suffix) and types.get(base) in ('histogram', 'summary'):
            return base
    return name


def check(text):
    errors = []
    types, helps, done, series = {}, set(), set(), set()
    hist = {}     # (family, labels without le) -> {'buckets': [], 'sum', 'count'}
    current = None
    if text and not text.endswith('\n'):
        errors.append('no newline at the end')
    for n, line in enumerate(text.split('\n')[:-1], 1):
        err = lambda m: errors.append('line %d: %s: %s' % (n, m, line))
        if line == '':
            continue
        if line.startswith('#'):
            parts = line.split(None, 3)
            if len(parts) >= 2 and parts[1] in ('HELP', 'TYPE'):
                if len(parts) < 3 or not re.fullmatch(NAME, parts[2]):
                    err('bad metric name')
                    continue
                fam = parts[2]
                if parts[1] == 'HELP':
                    if fam in helps:
                        err('second HELP')
                    helps.add(fam)
                else:
                    if fam in types:
                        err('second TYPE')
                    if len(parts) < 4 or parts[3] not in TYPES:
                        err('bad type')
                    if fam in done or fam == current:
                        err('TYPE after its samples')
                    types[fam] = parts[3] if len(parts) > 3 else None
            continue
        m = SAMPLE.match(line)
        if not m:
            err('bad sample line')
            continue
        name, labels, value = m.group(1), m.group(2) or '', m.group(3)
        pairs = PAIR.findall(labels)
        names = [k for k, _ in pairs]
        if len(set(names)) != len(names):
            err('repeated label')
        if any(k.startswith('__') for k in names):
            err('reserved label name')
        try:
            v = number(value)
        except ValueError:
            err('bad value')
            continue
        fam = family_of(name, types)
        if fam != current:
            if fam in done:
                err('samples of %s are not together' % fam)
            if current is not None:
                done.add(current)
            current = fam
        key = (name, tuple(sorted(pairs)))
        if key in series:
            err('duplicate series')
        series.add(key)
        t = types.get(fam)
        if t == 'counter' and not v >= 0:
            err('negative counter')
        if t == 'histogram':
            rest = tuple(sorted((k, x) for k, x in pairs if k != 'le'))
            h = hist.setdefault((fam, rest), {'buckets': [], 'sum': None, 'count': None})
            if name.endswith('_bucket'):
                le = dict(pairs).get('le')
                if le is None:
                    err('bucket without le')
                    continue
                h['buckets'].append((number(le), v, n))
            elif name.endswith('_sum'):
                h['sum'] = v
            elif name.endswith('_count'):
                h['count'] = v
            else:
                err('histogram sample without _bucket, _sum or _count')
    for (fam, rest), h in hist.items():
        where = '%s%s' % (fam, dict(rest))
        b = h['buckets']
        if not b or b[-1][0] != math.inf:
            errors.append('%s: no le="+Inf" bucket last' % where)
            continue
        for (le1, c1, _), (le2, c2, n2) in zip(b, b[1:]):
            if not le2 > le1:
                errors.append('line %d: %s: le not increasing' % (n2, where))
            if c2 < c1:
                errors.append('line %d: %s: buckets not cumulative' % (n2, where))
        if h['count'] is None or h['count'] != b[-1][1]:
            errors.append('%s: _count missing or not equal to +Inf' % where)
        if h['sum'] is None:
            errors.append('%s: no _sum' % where)
    return errors


if __name__ == '__main__':
    with open(sys.argv[1], encoding='utf-8') as f:
        problems = check(f.read())
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)
