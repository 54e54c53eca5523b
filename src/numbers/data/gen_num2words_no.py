"""Regenerates num2words_no.tsv: Norwegian (Bokmål) number words from PyPI num2words.

    python3 -m venv /tmp/n2w && /tmp/n2w/bin/pip install num2words==0.5.14
    /tmp/n2w/bin/python src/numbers/data/gen_num2words_no.py > src/numbers/data/num2words_no.tsv

num2words is LGPL (its package metadata says «License: LGPL»); the generated table is data (its output), used only by a test.
Values of a milliard and more are left out: num2words 0.5.14 writes «millard» for them.
"""
import random

from num2words import num2words as words

values = list(range(0, 1001))
values += [1001, 1100, 2000, 2500, 10000, 12345, 100000, 250000, 1000000, 1300000, 2000000]
rng = random.Random(2024)
values += sorted(rng.randrange(1000, 999_999_999) for _ in range(300))

print("# Generated from PyPI num2words 0.5.14 (LGPL), lang='no', by gen_num2words_no.py beside this file.")
print("# value\tcardinal\tordinal (single-word ordinals only, else empty)")
for v in values:
    ordinal = words(v, lang="no", to="ordinal") if 1 <= v <= 100 else ""
    if " " in ordinal:
        ordinal = ""
    print(f"{v}\t{words(v, lang='no')}\t{ordinal}")
