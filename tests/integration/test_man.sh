#!/bin/bash
# The manual pages: they format without warnings, and fnpool.ini(5) and
# conf/fnpool.ini document exactly the keys the parser accepts (from
# `fnpool --list-keys`, which prints the option table of src/core/config.c),
# each in its section, with its units and its default.
. "$(dirname "$0")/lib.sh"

MAN="$SRCDIR/man"
PAGES="fnpool.8 fnpool.ini.5 fnpool-functions.7"
INI5="$MAN/fnpool.ini.5"
CONF="$SRCDIR/conf/fnpool.ini"

# ---- formatting ------------------------------------------------------------

if command -v mandoc >/dev/null; then
	for p in $PAGES; do
		out=$(mandoc -T lint -W warning "$MAN/$p" 2>&1)
		is "$out" "" "$p: mandoc -T lint finds nothing"
	done
elif command -v groff >/dev/null; then
	for p in $PAGES; do
		out=$(groff -mandoc -ww -z "$MAN/$p" 2>&1)
		is "$out" "" "$p: groff -ww finds nothing"
	done
else
	ok "# SKIP neither mandoc nor groff is installed"
fi
if command -v man >/dev/null; then
	for p in $PAGES; do
		out=$(MANWIDTH=80 man --warnings -l "$MAN/$p" 2>&1 >/dev/null)
		is "$out" "" "$p: man --warnings is silent"
	done
fi

# Every page is installed (make install, make distcheck).
for p in "$MAN"/*.[1-9]; do
	check "$(basename "$p") is in dist_man_MANS" \
	    grep -q "man/$(basename "$p")" "$SRCDIR/Makefile.am"
done

# ---- fnpool.ini(5) against the parser ----------------------------------------

# The keys the page documents: "scope key placeholder default", from its
# ".It Cm key Ns = Ns Ar placeholder" items under GLOBAL SETTINGS and
# POOL SETTINGS.  Items without a body of their own share the next one's.
# shellcheck disable=SC2016
man_keys() {
	awk '
	function flush(   i) {
		for (i = 1; i <= n; i++)
			printf "%s\t%s\t%s\t%s\n", sec, key[i], ph[i], dflt
		n = 0; dflt = "-"; inbody = 0
	}
	/^\.Sh / {
		flush()
		sec = $0 ~ /GLOBAL SETTINGS/ ? "global" : $0 ~ /POOL SETTINGS/ ? "pool" : ""
		next
	}
	sec == "" { next }
	/^\.It Cm / {
		if (inbody) flush()
		k = $3; p = "-"
		if (k ~ /\.\\&$/) { sub(/\\&$/, "", k); k = k $6 }	# env.\& Ns Ar NAME
		for (i = 4; i < NF; i++)
			if ($i == "=" && $(i + 1) == "Ns") { p = $(i + 2) == "Ar" ? $(i + 3) : $(i + 2); break }
		key[++n] = k; ph[n] = p
		next
	}
	/^\.(Ss|El|Bl)/ { flush(); next }
	n > 0 {
		inbody = 1
		if (match($0, /Default: [^ ]+/)) {
			d = substr($0, RSTART + 9, RLENGTH - 9)
			sub(/[.,]$/, "", d)
			dflt = d
		}
	}
	END { flush() }' "$INI5"
}

"$FNPOOL" --list-keys >"$T/keys" 2>"$T/list-keys.log"
is "$?" 0 "fnpool --list-keys"
check "it lists the keys" test "$(wc -l <"$T/keys")" -gt 40
man_keys >"$T/man-keys"
check "the page's keys can be read" test "$(wc -l <"$T/man-keys")" -gt 40

declare -A m_scope m_ph m_def p_scope
while IFS=$'\t' read -r scope key ph def; do
	if [ -n "${m_scope[$key]:-}" ]; then
		not_ok "man/fnpool.ini.5 documents '$key' once"
		continue
	fi
	m_scope[$key]=$scope m_ph[$key]=$ph m_def[$key]=$def
done <"$T/man-keys"

conf_mentions() {	# KEY: a "key =" line, maybe commented out
	local re=${1//./\\.}
	re=${re/NAME/[A-Za-z_][A-Za-z0-9_]*}
	grep -qE "^[;#]?[[:space:]]*$re[[:space:]]*=" "$CONF"
}

while IFS=$'\t' read -r scope key type def; do
	p_scope[$key]=$scope
	why=()
	if [ -z "${m_scope[$key]:-}" ]; then
		why+=("not documented in man/fnpool.ini.5: add '.It Cm $key Ns = Ns Ar ...' under ${scope^^} SETTINGS")
	else
		[ "${m_scope[$key]}" = "$scope" ] ||
		    why+=("documented under ${m_scope[$key]^^} SETTINGS, but it is a $scope key")
		case $type in
		string|pm) ;;
		*) [ "${m_ph[$key]}" = "$type" ] ||
		    why+=("documented as '${m_ph[$key]}', but its value is a $type: write 'Ns = Ns Ar $type'") ;;
		esac
		if [ "${m_def[$key]}" = "-" ]; then
			why+=("its entry has no 'Default:' line")
		elif [ "$def" = "-" ]; then
			[ "${m_def[$key]}" = "none" ] ||
			    why+=("the page says 'Default: ${m_def[$key]}', but it has none: write 'Default: none'")
		elif [ "$type" != string ] && [ "${m_def[$key]}" != "$def" ]; then
			why+=("the page says 'Default: ${m_def[$key]}', but the default is $def")
		fi
	fi
	conf_mentions "$key" || why+=("not mentioned in conf/fnpool.ini (add a commented '; $key = ...')")
	if [ ${#why[@]} -eq 0 ]; then
		ok "key $key: documented in fnpool.ini(5) and conf/fnpool.ini"
	else
		not_ok "key $key: documented in fnpool.ini(5) and conf/fnpool.ini"
		diag "${why[@]}"
	fi
done <"$T/keys"

for key in "${!m_scope[@]}"; do
	[ -n "${p_scope[$key]:-}" ] && continue
	not_ok "man/fnpool.ini.5 documents '$key', which the parser does not accept"
done

# The test itself: a key missing from the page fails, by name.
sed '/^\.It Cm max_headers /,/^Default:/d' "$INI5" >"$T/fnpool.ini.5"
INI5="$T/fnpool.ini.5" man_keys | grep -q "max_headers"
is "$?" 1 "(self-check) a key dropped from the page is no longer found"

# ---- fnpool(8) against the command line --------------------------------------

page8=$(cat "$MAN/fnpool.8")
for opt in $("$FNPOOL" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	name=${opt#--}
	[[ $page8 == *"Fl \\-$name"* ]] ||
	    { not_ok "fnpool(8) documents $opt"; continue; }
	ok "fnpool(8) documents $opt"
done
for sig in SIGTERM SIGQUIT SIGINT SIGHUP SIGUSR1; do
	like "$page8" "\\.It Dv $sig|\\.It Dv [A-Z]+ , Dv $sig" "fnpool(8) SIGNALS: $sig"
done
for cmd in worker invoke; do
	like "$page8" "\\.Ss fnpool $cmd" "fnpool(8) describes 'fnpool $cmd'"
done
