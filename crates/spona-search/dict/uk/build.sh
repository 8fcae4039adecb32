#!/bin/sh
# Rebuilds the Ukrainian dictionary (crates/spona-search/data/uk/) from Debian's
# hunspell-uk. Needs: apt-get install hunspell-uk hunspell-tools; python3.
# The result is committed; run this only to update it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/spona-uk-dict
mkdir -p "$work"
dic=/usr/share/hunspell/uk_UA.dic
aff=/usr/share/hunspell/uk_UA.aff
dpkg-query -W -f='hunspell-uk ${Version}\n' hunspell-uk > "$here/SOURCE"
unmunch "$dic" "$aff" 2>/dev/null > "$work/forms.txt"
python3 "$here/families.py" "$dic" "$work/forms.txt" > "$work/families.tsv"
cd "$here/../../../.."
cargo run -p spona-search --example build_uk_dict -- "$work/families.tsv" crates/spona-search/data/uk
