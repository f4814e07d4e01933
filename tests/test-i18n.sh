#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The catalogues. Every language in po/LINGUAS passes msgfmt --check and has
# the plural rule its language needs, as written below; a shipped language
# (po/SHIPPED) is also complete: no untranslated or fuzzy message against a
# template extracted afresh from the sources. A language in progress (in
# LINGUAS, not yet in SHIPPED) reports how far it is, and does not fail.
# Usage: test-i18n.sh SOURCE_ROOT
top=$1
po=$top/po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
# Why a check failed goes to standard error, which `meson test --print-errorlogs`
# shows (it reads the TAP on standard output and keeps its comments to itself).
note () { echo "# $*" >&2; }

# The plural rule of each language, as its Plural-Forms header must say it:
# one line per language, as the language's team writes it.
plural_rule () {
  case $1 in
    ru) echo 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);' ;;
    de) echo 'nplurals=2; plural=(n != 1);' ;;
    kk) echo 'nplurals=1; plural=0;' ;;
  esac
}
# where a new language's line goes: after the last rule above
rules_line=$(grep -n "^    [A-Za-z_@]*) echo '" "$0" 2>/dev/null | tail -n 1 | cut -d: -f1)

# po/LINGUAS and po/SHIPPED: codes separated by blanks; lines starting with # are comments
read_list () { grep -v '^#' "$1" 2>/dev/null | tr -s ' \t' '\n\n' | grep .; }
langs=$(read_list "$po/LINGUAS")
shipped=$(read_list "$po/SHIPPED")
count=$(echo "$langs" | wc -w)
echo "1..$((count * 3 + 3))"

# 1. POTFILES.in lists every file that has translatable strings
missing=$(cd "$top" && git ls-files 'app/*.c' 'ui/*.ui' 2>/dev/null | while read -r f; do
  if grep -qE '(_\(|N_\(|C_\(|NC_\(|ngettext\(|translatable="yes")' "$f" && ! grep -qxF "$f" "$po/POTFILES.in"; then
    echo "$f"; fi; done)
if [ -z "$missing" ]; then ok "POTFILES.in lists every file with strings"; else
  fail "POTFILES.in lists every file with strings"; echo "$missing" | sed 's/^/# missing: /' >&2; fi

# 2. every shipped language is built
not_built=$(for lang in $shipped; do echo "$langs" | grep -qxF "$lang" || echo "$lang"; done)
if [ -n "$shipped" ] && [ -z "$not_built" ]; then ok "po/SHIPPED ($(echo $shipped)) lists languages of po/LINGUAS"; else
  fail "po/SHIPPED lists languages of po/LINGUAS"
  [ -n "$shipped" ] || note "po/SHIPPED is missing or lists no language"
  for lang in $not_built; do note "$lang is in po/SHIPPED but not in po/LINGUAS: add it there"; done
fi

# 3. a fresh template (the same keywords as meson's glib preset)
if (cd "$top" && grep -v '^#' po/POTFILES.in | grep . > "$tmp/files" &&
    xgettext --from-code=UTF-8 --add-comments=Translators: --keyword=_ --keyword=N_ \
      --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
      --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
      --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
      --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
      --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
      --flag=g_set_error:4:c-format --flag=g_printf:1:c-format \
      --files-from="$tmp/files" -o "$tmp/dossier.pot" 2> "$tmp/xgettext.log"); then
  ok "template extracts"
else
  fail "template extracts"; sed 's/^/# /' "$tmp/xgettext.log" >&2
fi

for lang in $langs; do
  file=$po/$lang.po
  if msgfmt --check -o /dev/null "$file" 2> "$tmp/check.log"; then ok "$lang: msgfmt --check"; else
    fail "$lang: msgfmt --check"; sed 's/^/# /' "$tmp/check.log" >&2; fi

  # msgmerge wraps long headers: read the header unwrapped
  header=$(msgcat --no-wrap "$file" 2>/dev/null | sed -n '1,/^$/p' | tr -d '"' | sed 's/\\n//g')
  found=$(printf '%s\n' "$header" | sed -n 's/^Plural-Forms: *//p')
  rule=$(plural_rule "$lang")
  if [ -z "$rule" ]; then
    fail "$lang: plural rule"
    note "There is no plural rule for $lang here. Add one line to the case in plural_rule ()"
    note "in tests/test-i18n.sh${rules_line:+, after line $rules_line}, with the Plural-Forms your language team writes:"
    note "    $lang) echo '${found:-nplurals=N; plural=EXPRESSION;}' ;;"
    [ -z "$found" ] || note "(that is what po/$lang.po says now; check it against your team's catalogues)"
  elif [ "$found" = "$rule" ]; then ok "$lang: plural rule"; else
    fail "$lang: plural rule"; note "expected: Plural-Forms: $rule"; note "found: Plural-Forms: $found"
    note "(the expected rule is in plural_rule () in tests/test-i18n.sh)"
  fi

  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$file" "$tmp/dossier.pot" 2>/dev/null
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  if ! echo "$shipped" | grep -qxF "$lang"; then
    ok "$lang: complete against the sources # SKIP in progress, not in po/SHIPPED: $stats"
  elif echo "$stats" | grep -qE 'fuzzy|untranslated'; then
    fail "$lang: complete against the sources"; note "$stats"
    # (the header, and messages with a line break inside, show no msgid line here)
    msgattrib --only-fuzzy --no-wrap "$tmp/$lang.po" 2>/dev/null | grep '^msgid "[^"]' | head -20 | sed 's/^/# fuzzy: /' >&2
    msgattrib --untranslated --no-wrap "$tmp/$lang.po" 2>/dev/null | grep '^msgid "[^"]' | head -20 | sed 's/^/# untranslated: /' >&2
  else
    ok "$lang: complete against the sources ($stats)"
  fi
done
exit $failed
